package org.mesocosm.cli.live;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mesocosm.runtime.security.ClientSecurity;
import org.mesocosm.runtime.security.Tls;

/**
 * A real {@code mesocosm master} in a JVM of its own (this test JVM's class path), so that it can
 * be killed with SIGKILL and started again on the same state directory and port. It runs as a
 * user would: TLS with the certificate it makes in its state dir (pinned by the test), tokens for
 * {@code ops} and {@code agent}.
 */
final class MasterProcess {
    static final String OPS_TOKEN = "ops-token-for-the-kill-test-01";
    static final String AGENT_TOKEN = "agent-token-for-the-kill-test-01";
    private static final Pattern PIN = Pattern.compile("TLS certificate (sha256:[0-9a-f]+)");
    private final List<String> command;
    private final Path output;
    private final URI url;
    private Process process;
    private int starts;
    private volatile String pin;
    private javax.net.ssl.SSLContext trust;

    MasterProcess(int port, Path stateDir, Path output, String... extraArgs) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // records wait 150 ms before they are written: an answer sent before its record is on disk would be lost to a kill
                "-Dmesocosm.faults.logWriteDelayMillis=150",
                "-cp", System.getProperty("java.class.path"), "org.mesocosm.cli.Mesocosm", "master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--state-dir", stateDir.toString()));
        Path credentials = Files.writeString(output.resolveSibling("credentials.yaml"), "credentials:\n  - principal: ops\n    token: " + OPS_TOKEN
                + "\n  - principal: agent\n    token: " + AGENT_TOKEN + "\n");
        command.addAll(List.of("--credentials", credentials.toString()));
        command.addAll(List.of(extraArgs));
        this.output = output;
        this.url = URI.create("https://127.0.0.1:" + port + "/");
    }

    URI url() { return url; }

    /** Adds a JVM system property (e.g. a fault injection) to the master's command line. */
    MasterProcess withJvmProperty(String name, String value) {
        command.add(1, "-D" + name + "=" + value);
        return this;
    }

    /** The process, once started. */
    Process process() { return process; }

    /** How clients talk to it: its certificate pinned (the same across restarts: it is kept in the state dir), as ops. */
    ClientSecurity ops() { return new ClientSecurity(trust(), OPS_TOKEN); }

    /** How agents talk to it. */
    ClientSecurity agent() { return new ClientSecurity(trust(), AGENT_TOKEN); }

    private synchronized javax.net.ssl.SSLContext trust() {
        if (trust == null) trust = Tls.pinned(pin);
        return trust;
    }

    /** Starts the master and waits until it answers; returns how long that took. */
    Duration start(Duration patience) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        starts++;
        Files.writeString(output, "---- start " + starts + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        long deadline = t0 + patience.toNanos();
        while (pin == null) {
            if (!process.isAlive()) throw new IllegalStateException("the master exited with " + process.exitValue() + ":\n" + Files.readString(output));
            Matcher m = PIN.matcher(Files.readString(output));
            if (m.find()) pin = m.group(1);
            else if (System.nanoTime() > deadline) throw new IllegalStateException("the master printed no certificate within " + patience);
            else Thread.sleep(25);
        }
        HttpClient http = ops().configure(HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500))).build();
        while (true) {
            if (!process.isAlive()) throw new IllegalStateException("the master exited with " + process.exitValue() + ":\n" + Files.readString(output));
            try {
                HttpResponse<Void> r = http.send(ops().authorize(HttpRequest.newBuilder(url.resolve("api/v1/jobs"))).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return Duration.ofNanos(System.nanoTime() - t0);
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("the master did not answer within " + patience + ":\n" + Files.readString(output));
            Thread.sleep(25);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        if (process == null) return;
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor();
    }

    long pid() { return process.pid(); }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
