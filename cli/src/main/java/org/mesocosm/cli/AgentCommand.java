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
import org.mesocosm.runtime.policy.Durations;
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

    @Option(names = "--gpus", defaultValue = "0", description = "GPU devices to offer (1000 milli-GPU each); tasks get CUDA_VISIBLE_DEVICES. Default: ${DEFAULT-VALUE}.")
    int gpus;

    @Option(names = "--gpu-model", defaultValue = "GPU", description = "The devices' model, the agent attribute gpu_model (e.g. T4). Default: ${DEFAULT-VALUE}.")
    String gpuModel;

    @Option(names = "--attributes", split = ",", paramLabel = "KEY=VALUE", description = "Attributes, e.g. rack=r1,zone=a.")
    Map<String, String> attributes = new LinkedHashMap<>();

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where task sandboxes go. Default: a new temporary directory. The agent id is kept here, so it survives restarts.")
    Path workDir;

    @Option(names = "--id", description = "Agent id. Default: the one kept in the work dir, else HOSTNAME-RANDOM.")
    String id;

    @Option(names = "--kill-grace", defaultValue = "3000", description = "Milliseconds between SIGTERM and SIGKILL. Default: ${DEFAULT-VALUE}.")
    long killGrace;

    @Option(names = "--sandbox-retention", defaultValue = "1h", paramLabel = "DURATION",
            description = "How long a task's sandbox (its stdout, stderr and files) is kept after the task ended, e.g. 30m, 1h, 2d. Default: ${DEFAULT-VALUE}.")
    String sandboxRetention;

    @Override
    public Integer call() throws Exception {
        if (!(cpus > 0)) throw new Mesocosm.UserError("--cpus must be positive, got " + cpus);
        if (mem <= 0) throw new Mesocosm.UserError("--mem must be positive, got " + mem);
        long retentionMs;
        try {
            retentionMs = Durations.parseMicros(sandboxRetention) / 1000;
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError("--sandbox-retention: " + e.getMessage());
        }
        if (retentionMs < 0) throw new Mesocosm.UserError("--sandbox-retention must not be negative, got " + sandboxRetention);
        java.util.List<URI> masters = ClientOptions.masterUris(client.master);
        URI uri = masters.get(0);
        if (gpus < 0 || gpus > 1024) throw new Mesocosm.UserError("--gpus must be 0..1024, got " + gpus);
        if (gpus > 0) {
            try {
                org.mesocosm.runtime.model.gpu.GpuDemand.parseModels(gpuModel);
            } catch (IllegalArgumentException e) {
                throw new Mesocosm.UserError("--gpu-model: " + e.getMessage());
            }
            attributes.put("gpu_model", gpuModel);
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("mesocosm-agent-");
        Files.createDirectories(dir);
        String agentId = agentId(dir);
        AgentSettings s = new AgentSettings(uri, agentId, new Resources(Math.round(cpus * 1000), mem, disk, gpus), attributes,
                dir.toAbsolutePath(), killGrace, retentionMs);
        LiveAgent agent = new LiveAgent(s, masters, System.err, client.security(uri)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }));
        System.err.println("mesocosm agent " + agentId + ": " + cpus + " cpus, " + mem + " MiB, " + (gpus > 0 ? gpus + " GPUs (" + gpuModel + "), " : "") + "work dir " + dir.toAbsolutePath()
                + ", sandboxes kept " + sandboxRetention + " after their task, master " + (masters.size() == 1 ? uri : masters) + "; Ctrl-C kills its tasks and stops it");
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
