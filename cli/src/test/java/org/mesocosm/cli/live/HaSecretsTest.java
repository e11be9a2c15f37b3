package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.ha.HaNode;
import org.mesocosm.ha.Peers;
import org.mesocosm.runtime.agent.AgentSettings;
import org.mesocosm.runtime.agent.LiveAgent;
import org.mesocosm.runtime.live.ApiServer;
import org.mesocosm.runtime.live.LiveDriver;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.runtime.secrets.SecretStores;
import org.mesocosm.runtime.security.ClientSecurity;
import org.mesocosm.runtime.security.OwnerOnlyFiles;

/**
 * Named secrets in a replicated group (issue 19): {@code secret put} goes through the replicated
 * log, sealed with the key the masters share, so the value never lies in any master's Raft log in
 * plain text; when the leader dies, the new leader has the secret and a task it launches gets it.
 * Three masters in one JVM (real Ratis servers, real HTTP APIs), one agent running real processes.
 */
class HaSecretsTest {
    private static final String VALUE = "s3cr3t-value-that-must-never-be-logged-7f3a";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path tmp;

    record Master(HaNode node, LiveDriver driver, ApiServer api, URI url) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            api.close();
            node.close();
            driver.close();
        }
    }

    @Test
    @Timeout(180)
    void aSecretPutOnTheLeaderReachesATaskOfTheNextLeaderAndNeverLiesInTheLogInPlainText() throws Exception {
        Path key = tmp.resolve("secret.key");
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        OwnerOnlyFiles.create(key, (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII), true);
        StringBuilder peers = new StringBuilder();
        for (int i = 1; i <= 3; i++) peers.append(i > 1 ? "," : "").append("m").append(i).append("=127.0.0.1:").append(freePort());
        Peers group = Peers.parse(peers.toString());
        HaNode.Timing fast = new HaNode.Timing(TimeDuration.valueOf(500, TimeUnit.MILLISECONDS), TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS),
                TimeDuration.valueOf(3, TimeUnit.SECONDS));
        List<Master> masters = new ArrayList<>();
        LiveAgent agent = null;
        try {
            for (String id : group.ids()) masters.add(start(group, id, fast, key));
            Master leader = awaitLeader(masters, Duration.ofSeconds(40));
            HttpResponse<String> put = send(leader.url(), "PUT", "/api/v1/secrets/db-pass", VALUE);
            assertEquals(201, put.statusCode(), put.body());

            // the Raft logs (every file of every master's replicated log) hold the change, never the value in plain text
            byte[] value = VALUE.getBytes(StandardCharsets.UTF_8);
            boolean nameSeen = false;
            for (Master m : masters) {
                try (Stream<Path> files = Files.walk(tmp.resolve(m.node().self()).resolve("ratis"))) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        byte[] bytes = Files.readAllBytes(f);
                        assertFalse(contains(bytes, value), f + " holds the secret's value in plain text");
                        nameSeen |= contains(bytes, "db-pass".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            assertTrue(nameSeen, "no replicated log holds the secret change at all: the check above would prove nothing");

            // the leader dies; the new one has the secret and a task it launches gets it
            leader.close();
            masters.remove(leader);
            Master next = awaitLeader(masters, Duration.ofSeconds(40));
            assertEquals(200, send(next.url(), "GET", "/api/v1/secrets/db-pass", null).statusCode(), "the new leader lacks the secret");
            Path out = tmp.resolve("task-saw.txt");
            List<URI> urls = masters.stream().map(Master::url).toList();
            Path work = Files.createDirectories(tmp.resolve("agent"));
            agent = new LiveAgent(new AgentSettings(urls.get(0), "agent1", new Resources(2000, 4096, 0, 0), Map.of(), work, 500), urls,
                    new PrintStream(PrintStream.nullOutputStream()), ClientSecurity.NONE).start();
            String job = "{\"id\":\"reader\",\"kind\":\"batch\",\"tasks\":[{\"name\":\"t\",\"instances\":1,\"cpus\":0.1,\"mem\":16,"
                    + "\"command\":\"printf %s \\\"$DB\\\" > " + out + "\",\"secrets\":[{\"name\":\"db-pass\",\"env\":\"DB\"}]}]}";
            HttpResponse<String> submitted = send(next.url(), "POST", "/api/v1/jobs", job);
            assertEquals(201, submitted.statusCode(), submitted.body());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(Files.exists(out) && Files.readString(out).equals(VALUE)) && System.nanoTime() < deadline) Thread.sleep(100);
            assertEquals(VALUE, Files.exists(out) ? Files.readString(out) : "(no output)", "the task launched by the new leader did not get the secret");
        } finally {
            if (agent != null) agent.close();
            for (Master m : masters) {
                try {
                    m.close();
                } catch (Exception ignored) {
                    // closed already
                }
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    private Master start(Peers group, String id, HaNode.Timing timing, Path key) throws IOException {
        Path dir = tmp.resolve(id);
        HaNode node = new HaNode(group, id, dir, timing, null); // plaintext peers: this test is about secrets; peer TLS has its own tests
        LiveDriver.Settings settings = LiveDriver.Settings.defaults("drf:interval=50ms").withStateDir(dir);
        LiveDriver driver = LiveDriver.replicated(settings, PolicyRegistry.load().create(settings.policy()), () -> System.currentTimeMillis() * 1000L, null,
                SecretStores.replicated(key), node.journal(), node).start();
        ApiServer api = new ApiServer(driver, new InetSocketAddress("127.0.0.1", 0), ApiServer.DEFAULT_MAX_BODY_BYTES).start();
        URI url = URI.create("http://127.0.0.1:" + api.port());
        node.start(driver, url.toString());
        return new Master(node, driver, api, url);
    }

    private static Master awaitLeader(List<Master> masters, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            List<Master> leading = masters.stream().filter(m -> m.driver().leading() && m.node().self().equals(m.node().leaderId())).toList();
            if (leading.size() == 1 && leading.get(0).node().leaderUrl() != null) return leading.get(0);
            Thread.sleep(50);
        }
        throw new AssertionError("no leader within " + patience);
    }

    private HttpResponse<String> send(URI base, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Origin", base.toString());
        if (body != null) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
