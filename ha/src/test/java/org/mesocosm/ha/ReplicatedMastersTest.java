package org.mesocosm.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.live.ApiServer;
import org.mesocosm.runtime.live.LiveDriver;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.secrets.SecretStores;

/**
 * Three replicated masters in one JVM (real Ratis servers on loopback, real HTTP APIs): a job
 * acknowledged by the leader is in every master's core; a standby sends writes to the leader;
 * and a leader cut off from both standbys acknowledges nothing (no 201 without a majority) and
 * gives up leading (fail-stop), so that two masters never act at once.
 */
class ReplicatedMastersTest {
    private static final String JOB = "{\"kind\":\"batch\",\"tasks\":[{\"name\":\"t\",\"instances\":1,\"cpus\":0.1,\"mem\":16,\"command\":\"true\"}]}";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path tmp;

    /** Holds pending tasks for ever: this test has no agents and checks replication, not placement. */
    static final class NoPlacement implements PlacementPolicy {
        @Override public String name() { return "none"; }
        @Override public void init(PlacementContext ctx) { }
        @Override public void taskPending(Task task) { }
        @Override public void taskWithdrawn(Task task) { }
        @Override public void taskReleased(Task task) { }
        @Override public void agentAdded(Agent agent) { }
        @Override public void agentRemoved(Agent agent) { }
    }

    record Master(HaNode node, LiveDriver driver, ApiServer api, URI url, CountDownLatch failStopped) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            api.close();
            node.close();
            driver.close();
        }
    }

    @Test
    @Timeout(120)
    void aWriteIsAcknowledgedOnlyOnceAMajorityHasIt() throws Exception {
        Peers group = loopbackGroup();
        PeerCertificates certs = new PeerCertificates(group.ids()); // mutual TLS among the masters, as the CLI requires by default
        List<Master> masters = new ArrayList<>();
        try {
            for (String id : group.ids()) masters.add(start(group, id, FAST, certs.of(id)));
            Master leader = awaitLeader(masters, Duration.ofSeconds(40));

            HttpResponse<String> created = post(leader.url(), JOB);
            assertEquals(201, created.statusCode(), created.body());
            String self = leader.node().self();
            assertEquals(self + "; leader=" + self + "; term=" + leader.node().term(), created.headers().firstValue("X-Mesocosm-Master").orElse(""),
                    "a 201 names the master that acknowledged it and its term");
            for (Master m : masters) awaitMetric(m, "mesocosm_jobs_submitted_total", 1, Duration.ofSeconds(20));
            // the test's peer certificates last a day: /metrics counts the seconds left of the own one and of the earliest trusted
            for (String which : List.of("peer-cert", "peer-trust")) {
                double left = metric(leader, "mesocosm_ha_peer_cert_expiry_seconds{cert=\"" + which + "\"}");
                assertTrue(left > 86_400 - 3_600 && left <= 86_400, which + ": " + left + " s left of a certificate made to last a day");
            }

            Master standby = masters.stream().filter(m -> m != leader).findFirst().orElseThrow();
            HttpResponse<String> redirected = post(standby.url(), JOB);
            assertEquals(307, redirected.statusCode(), redirected.body());
            assertEquals(leader.url().resolve("/api/v1/jobs").toString(), redirected.headers().firstValue("Location").orElse(""));
            assertTrue(redirected.headers().firstValue("X-Mesocosm-Master").orElse("").startsWith(standby.node().self() + "; leader=" + self + ";"),
                    "a standby's answer names it and the leader: " + redirected.headers().map());

            // replication lag in /metrics: both followers caught up; then one stops, the leader commits with the other, and the
            // stopped one falls behind by what it missed
            List<Master> standbys = masters.stream().filter(m -> m != leader).toList();
            for (Master m : standbys) awaitMetric(leader, "mesocosm_ha_follower_lag_entries{follower=\"" + m.node().self() + "\"}", 0, Duration.ofSeconds(20));
            for (Master m : masters) awaitMetric(m, "mesocosm_ha_apply_lag_entries", 0, Duration.ofSeconds(20));
            standbys.get(0).close();
            for (int i = 0; i < 3; i++) assertEquals(201, post(leader.url(), JOB).statusCode(), "two of three masters make a majority");
            awaitMetric(standbys.get(1), "mesocosm_jobs_submitted_total", 4, Duration.ofSeconds(20));
            awaitMetric(leader, "mesocosm_ha_follower_lag_entries{follower=\"" + standbys.get(1).node().self() + "\"}", 0, Duration.ofSeconds(20));
            double behind = metric(leader, "mesocosm_ha_follower_lag_entries{follower=\"" + standbys.get(0).node().self() + "\"}");
            assertTrue(behind >= 3, "the stopped follower missed 3 entries at least, the leader says " + behind);
            for (int i = 0; i < 3; i++) assertEquals(201, post(leader.url(), JOB).statusCode());
            double later = metric(leader, "mesocosm_ha_follower_lag_entries{follower=\"" + standbys.get(0).node().self() + "\"}");
            assertTrue(later >= behind + 3, "the stopped follower's lag grows by every entry it misses: " + behind + ", then " + later);

            // cut the leader off: both standbys stop (their Raft servers close)
            for (Master m : masters) if (m != leader) m.close();
            HttpResponse<String> alone = post(leader.url(), JOB);
            assertNotEquals(201, alone.statusCode(), "a leader without a majority acknowledged a write: " + alone.body());
            assertEquals(503, alone.statusCode(), alone.body());
            assertTrue(leader.failStopped().await(30, TimeUnit.SECONDS), "the cut-off leader did not give up leading");
        } finally {
            for (Master m : masters) {
                try {
                    m.close();
                } catch (Exception ignored) {
                    // closed already
                }
            }
        }
    }

    private Master start(Peers group, String id, HaNode.Timing timing, PeerTls tls) throws IOException {
        return start(tmp.resolve(id), group, id, timing, tls);
    }

    /** One master on its own state dir: a Raft node on its peer port, a driver, and its HTTP API on a free loopback port. */
    static Master start(Path dir, Peers group, String id, HaNode.Timing timing, PeerTls tls) throws IOException {
        HaNode node = new HaNode(group, id, dir, timing, tls);
        LiveDriver.Settings settings = LiveDriver.Settings.defaults("none").withStateDir(dir);
        LiveDriver driver = LiveDriver.replicated(settings, new NoPlacement(), () -> System.currentTimeMillis() * 1000L, null,
                SecretStores.open(dir, null), node.journal(), node).start();
        CountDownLatch failStopped = new CountDownLatch(1);
        driver.onLogFailure(e -> failStopped.countDown()); // the CLI halts the process here
        ApiServer api = new ApiServer(driver, new InetSocketAddress("127.0.0.1", 0), ApiServer.DEFAULT_MAX_BODY_BYTES).start();
        URI url = URI.create("http://127.0.0.1:" + api.port());
        node.start(driver, url.toString());
        return new Master(node, driver, api, url, failStopped);
    }

    static Master awaitLeader(List<Master> masters, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            List<Master> leading = masters.stream().filter(m -> m.driver().leading()).toList();
            assertTrue(leading.size() <= 1, "two masters lead at once");
            if (leading.size() == 1 && leading.get(0).node().leaderUrl() != null) return leading.get(0);
            Thread.sleep(50);
        }
        throw new AssertionError("no leader within " + patience);
    }

    void awaitMetric(Master m, String name, double want, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = http.send(HttpRequest.newBuilder(m.url().resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : last.split("\n")) {
                if (line.startsWith(name + " ") && Double.parseDouble(line.substring(name.length() + 1)) == want) return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(m.node().self() + ": " + name + " never reached " + want);
    }

    private double metric(Master m, String name) throws Exception {
        String text = http.send(HttpRequest.newBuilder(m.url().resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) return Double.parseDouble(line.substring(name.length() + 1));
        }
        throw new AssertionError(m.node().self() + " has no " + name + " in its /metrics:\n" + text);
    }

    HttpResponse<String> post(URI base, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/jobs")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Origin", base.toString()).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Election timeouts of 0.5-1 s (3 s step-down): tests elect fast; the CLI's default is 1-2 s. */
    static final HaNode.Timing FAST = new HaNode.Timing(TimeDuration.valueOf(500, TimeUnit.MILLISECONDS),
            TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS), TimeDuration.valueOf(3, TimeUnit.SECONDS));

    /** Three masters m1..m3 on free loopback peer ports. */
    static Peers loopbackGroup() throws IOException {
        StringBuilder peers = new StringBuilder();
        for (int i = 1; i <= 3; i++) peers.append(i > 1 ? "," : "").append("m").append(i).append("=127.0.0.1:").append(freePort());
        return Peers.parse(peers.toString());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
