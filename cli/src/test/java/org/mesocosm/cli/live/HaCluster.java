package org.mesocosm.cli.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.mesocosm.runtime.security.ClientSecurity;

/**
 * Three real {@code mesocosm master --ha} processes on loopback (free ports for their APIs and
 * their peer ports, with mutual TLS among them), each on its own state directory, that a test kills
 * with SIGKILL and starts again. The API in plain HTTP with tokens: TLS is tested elsewhere and each master would have its own
 * self-signed certificate.
 */
final class HaCluster implements AutoCloseable {
    static final String OPS_TOKEN = "ops-token-for-the-ha-test-0001";
    static final String AGENT_TOKEN = "agent-token-for-the-ha-test-01";
    final int size;
    final List<URI> urls = new ArrayList<>();
    private final List<String[]> args = new ArrayList<>();
    private final MesocosmProcess[] processes;
    private final Path dir;
    private final int[] starts;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofMillis(500)).build();

    /** Set with {@link #behindProxy}: the proxy the masters dial each other through. */
    private PartitionProxy proxy;

    HaCluster(Path dir, int size, String... extra) throws Exception {
        this(dir, size, false, extra);
    }

    /**
     * Masters that reach each other only through a {@link PartitionProxy}: each binds its peer port
     * at a port of its own ({@code --peer-listen}) while {@code --peers} lists the proxy's listener
     * for it, so that a test can cut a master off from the others while it keeps running and
     * answering its API.
     */
    static HaCluster behindProxy(Path dir, int size, String... extra) throws Exception {
        return new HaCluster(dir, size, true, extra);
    }

    /** The proxy between the masters' peer ports ({@link #behindProxy} only). */
    PartitionProxy proxy() {
        return proxy;
    }

    /** The pid of master {@code i} now, or -1 while it is not running. */
    long pid(int i) {
        MesocosmProcess p = processes[i];
        return p != null && p.process.isAlive() ? p.process.pid() : -1;
    }

    private HaCluster(Path dir, int size, boolean proxied, String... extra) throws Exception {
        this.dir = dir;
        this.size = size;
        this.processes = new MesocosmProcess[size];
        this.starts = new int[size];
        Path credentials = Files.writeString(dir.resolve("credentials.yaml"), "credentials:\n  - principal: ops\n    token: " + OPS_TOKEN
                + "\n  - principal: agent\n    token: " + AGENT_TOKEN + "\n");
        Path key = writeSecretKey(dir.resolve("secret.key"));
        StringJoiner peers = new StringJoiner(",");
        int[] api = new int[size];
        int[] listen = new int[size];
        int[] ports = org.mesocosm.cli.load.LoopbackPorts.distinct(2 * size); // a port released and drawn again would be listed twice
        for (int i = 0; i < size; i++) {
            api[i] = ports[2 * i];
            listen[i] = ports[2 * i + 1];
            urls.add(URI.create("http://127.0.0.1:" + api[i] + "/"));
        }
        if (proxied) proxy = new PartitionProxy(listen, this::pid);
        for (int i = 0; i < size; i++) peers.add("m" + (i + 1) + "=127.0.0.1:" + (proxied ? proxy.port(i) : listen[i]));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) ids.add("m" + (i + 1));
        PeerMaterial peerTls = PeerMaterial.write(dir.resolve("peer-tls"), ids); // mutual TLS among the masters, as the README sets it up
        for (int i = 0; i < size; i++) {
            List<String> a = new ArrayList<>(List.of("master", "--ha", "--peers", peers.toString(), "--id", "m" + (i + 1), "--host", "127.0.0.1",
                    "--port", Integer.toString(api[i]), "--state-dir", dir.resolve("m" + (i + 1)).toString(), "--tls", "off",
                    "--credentials", credentials.toString(), "--secret-key-file", key.toString()));
            a.addAll(peerTls.options("m" + (i + 1)));
            if (proxied) a.addAll(List.of("--peer-listen", "127.0.0.1:" + listen[i]));
            a.addAll(List.of(extra));
            args.add(a.toArray(String[]::new));
        }
    }

    ClientSecurity ops() { return new ClientSecurity(null, OPS_TOKEN); }

    ClientSecurity agent() { return new ClientSecurity(null, AGENT_TOKEN); }

    void start(int i) throws IOException {
        starts[i]++;
        processes[i] = MesocosmProcess.start(dir.resolve("logs"), "m" + (i + 1) + "-" + starts[i], null, args.get(i));
    }

    /** SIGKILL. */
    void kill(int i) throws InterruptedException {
        processes[i].process.destroyForcibly();
        processes[i].process.waitFor();
    }

    /** Sends a signal: STOP freezes the process (as a partition or a long pause would), CONT thaws it. */
    void signal(int i, String signal) throws IOException, InterruptedException {
        int status = new ProcessBuilder("kill", "-" + signal, Long.toString(processes[i].process.pid())).inheritIO().start().waitFor();
        if (status != 0) throw new IOException("kill -" + signal + " of m" + (i + 1) + " failed with " + status);
    }

    /** Waits for master {@code i} to exit by itself; returns its status. */
    int awaitExit(int i, Duration patience) throws InterruptedException {
        if (!processes[i].process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("m" + (i + 1) + " is still running after " + patience);
        }
        return processes[i].process.exitValue();
    }

    /** Completes with the wall-clock time (epoch ms) at which master {@code i}'s current process exits. */
    java.util.concurrent.CompletableFuture<Long> exitTime(int i) {
        return processes[i].process.onExit().thenApply(p -> System.currentTimeMillis());
    }

    /** The stderr of master {@code i}'s current process so far. */
    String stderr(int i) throws IOException {
        return Files.readString(processes[i].stderr);
    }

    boolean alive(int i) { return processes[i] != null && processes[i].process.isAlive(); }

    /** The masters that answer a read with 200 now: the leaders (at most one, if all is well). */
    List<Integer> leaders() throws InterruptedException {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (leads(i)) out.add(i);
        }
        return out;
    }

    /** Whether master {@code i} answers a read with 200 now (only a leader does). */
    boolean leads(int i) throws InterruptedException {
        if (!alive(i)) return false;
        try {
            HttpResponse<Void> r = http.send(ops().authorize(HttpRequest.newBuilder(urls.get(i).resolve("api/v1/agents"))).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false; // not up (yet)
        }
    }

    /** Waits until exactly one master leads; returns it. */
    int awaitLeader(Duration patience) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            List<Integer> l = leaders();
            if (l.size() == 1) return l.get(0);
            if (l.size() > 1) throw new AssertionError("two masters lead at once: " + l + "; logs in " + dir.resolve("logs"));
            if (System.nanoTime() > deadline) throw new AssertionError("no master leads after " + patience + "; logs in " + dir.resolve("logs"));
            Thread.sleep(50);
        }
    }

    /** Everything the masters printed, start by start. */
    String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        try (var s = Files.list(dir.resolve("logs"))) {
            for (Path p : s.sorted().toList()) {
                String text = Files.readString(p);
                b.append("---- ").append(p.getFileName()).append('\n').append(text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (MesocosmProcess p : processes) {
            if (p != null && p.process.isAlive()) {
                p.process.destroyForcibly();
                p.process.waitFor();
            }
        }
        if (proxy != null) proxy.close();
    }

    /** A fresh {@code --secret-key-file} (32 random bytes, base64, owner-only as MasterKey requires): the one key every master of a group shares. */
    static Path writeSecretKey(Path file) throws java.io.IOException {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        org.mesocosm.runtime.security.OwnerOnlyFiles.create(file, (java.util.Base64.getEncoder().encodeToString(raw) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII), true);
        return file;
    }
}
