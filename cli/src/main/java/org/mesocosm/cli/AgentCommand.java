package org.mesocosm.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.mesocosm.runtime.agent.AgentSettings;
import org.mesocosm.runtime.agent.LiveAgent;
import org.mesocosm.runtime.model.Resources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "agent", mixinStandardHelpOptions = true,
        header = "Run a live agent that registers with a master and runs its tasks as OS processes.",
        description = {"Each task runs in a sandbox directory with its stdout and stderr files. Ctrl-C kills its tasks and stops the agent."})
final class AgentCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--cpus", defaultValue = "4", description = "CPUs to offer. Default: ${DEFAULT-VALUE}.")
    double cpus;

    @Option(names = "--mem", defaultValue = "8192", description = "Memory to offer, MiB. Default: ${DEFAULT-VALUE}.")
    long mem;

    @Option(names = "--disk", defaultValue = "0", description = "Disk to offer, MiB. Default: ${DEFAULT-VALUE}.")
    long disk;

    @Option(names = "--attributes", split = ",", paramLabel = "KEY=VALUE", description = "Attributes, e.g. rack=r1,zone=a.")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where task sandboxes go. Default: a new temporary directory. The agent id is kept here, so it survives restarts.")
    Path workDir;

    @Option(names = "--id", description = "Agent id. Default: the one kept in the work dir, else HOSTNAME-RANDOM.")
    String id;

    @Option(names = "--kill-grace", defaultValue = "3000", description = "Milliseconds between SIGTERM and SIGKILL. Default: ${DEFAULT-VALUE}.")
    long killGrace;

    @Override
    public Integer call() throws Exception {
        if (!(cpus > 0)) throw new Mesocosm.UserError("--cpus must be positive, got " + cpus);
        if (mem <= 0) throw new Mesocosm.UserError("--mem must be positive, got " + mem);
        URI uri = ClientOptions.masterUri(client.master);
        Path dir = workDir != null ? workDir : Files.createTempDirectory("mesocosm-agent-");
        Files.createDirectories(dir);
        String agentId = agentId(dir);
        AgentSettings s = new AgentSettings(uri, agentId, new Resources(Math.round(cpus * 1000), mem, disk, 0), attributes,
                dir.toAbsolutePath(), killGrace);
        LiveAgent agent = new LiveAgent(s, System.err, client.security(uri)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }));
        System.err.println("mesocosm agent " + agentId + ": " + cpus + " cpus, " + mem + " MiB, work dir " + dir.toAbsolutePath()
                + ", master " + uri + "; Ctrl-C kills its tasks and stops it");
        stopped.await();
        return 0;
    }

    private String agentId(Path dir) throws IOException {
        Path file = dir.resolve("agent-id");
        if (id != null) {
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        }
        if (Files.exists(file)) return Files.readString(file, StandardCharsets.UTF_8).trim();
        String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "-");
        String made = host + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        Files.writeString(file, made, StandardCharsets.UTF_8);
        return made;
    }
}
