package org.mesocosm.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.live.ApiServer;
import org.mesocosm.runtime.live.LiveDriver;
import org.mesocosm.runtime.secrets.SecretStores;

/**
 * Compaction of the replicated log (issue 19): three masters in one JVM (real Ratis servers and
 * HTTP APIs on loopback) take snapshots every few entries and delete the log they cover. A standby
 * restarted on its state dir loads its latest snapshot and then the log after it; a standby whose
 * whole state dir was wiped rejoins, is sent the leader's snapshot (the log it would need is gone),
 * catches up to the same jobs, and can then lead with every job that was acknowledged.
 */
class SnapshotCatchUpTest {
    private static final int JOBS = Integer.getInteger("mesocosm.snapshottest.jobs", 300);
    private static final HaNode.Compaction OFTEN = new HaNode.Compaction(20, SizeInBytes.valueOf("32KB"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path tmp;

    record Master(HaNode node, LiveDriver driver, ApiServer api, URI url, CountDownLatch failStopped) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            api.close();
            node.close();
            driver.close();
        }
    }

    @Test
    @Timeout(240)
    void aWipedStandbyCatchesUpFromTheLeadersSnapshotAndCanLead() throws Exception {
        Peers group = ReplicatedMastersTest.loopbackGroup();
        certs = new PeerCertificates(group.ids()); // mutual TLS, as the CLI requires: the wiped master's rejoin client must present its certificate too
        List<Master> masters = new ArrayList<>();
        try {
            for (String id : group.ids()) masters.add(start(group, id, ReplicatedMastersTest.FAST));
            Master leader = awaitLeader(masters, Duration.ofSeconds(40));
            List<String> acked = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                String id = "j" + i;
                HttpResponse<String> r = post(leader.url(), "{\"id\":\"" + id + "\",\"kind\":\"batch\",\"tasks\":[{\"name\":\"t\",\"instances\":1,\"cpus\":0.1,\"mem\":16,\"command\":\"true\"}]}");
                assertEquals(201, r.statusCode(), r.body());
                acked.add(id);
            }
            for (Master m : masters) awaitMetric(m, "mesocosm_jobs_submitted_total", JOBS, Duration.ofSeconds(30));
            assertTrue(leader.node().snapshots().stream().anyMatch(s -> s.contains("taken")), "the leader took no snapshot: " + leader.node().snapshots());

            System.err.println("SnapshotCatchUpTest: log start indexes " + masters.stream().map(m -> m.node().self() + "=" + m.node().logStartIndex()).toList());
            // a standby restarted on its state dir: its latest snapshot, then the log after it
            int restartedAt = otherThan(masters, leader, -1);
            masters.get(restartedAt).close();
            masters.set(restartedAt, start(group, group.ids().get(restartedAt), ReplicatedMastersTest.FAST));
            Master restarted = masters.get(restartedAt);
            awaitMetric(restarted, "mesocosm_jobs_submitted_total", JOBS, Duration.ofSeconds(60));
            assertTrue(restarted.node().snapshots().stream().anyMatch(s -> s.contains("kind=loaded")),
                    "the restarted standby did not load its snapshot: " + restarted.node().snapshots());

            // a standby whose whole state dir is lost
            int wipedAt = otherThan(masters, leader, restartedAt);
            String wipedId = group.ids().get(wipedAt);
            masters.get(wipedAt).close();
            deleteTree(tmp.resolve(wipedId));
            long t0 = System.nanoTime();
            masters.set(wipedAt, start(group, wipedId, ReplicatedMastersTest.FAST));
            Master wiped = masters.get(wipedAt);
            awaitMetric(wiped, "mesocosm_jobs_submitted_total", JOBS, Duration.ofSeconds(120));
            long catchUpMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(wiped.node().snapshotsInstalled() >= 1, "the wiped standby caught up without the leader's snapshot: " + wiped.node().snapshots());
            System.err.println("SnapshotCatchUpTest: wiped standby caught up with " + JOBS + " jobs in " + catchUpMillis + " ms; snapshots "
                    + wiped.node().snapshots() + "; leader's " + leader.node().snapshots());

            // it can lead: the leader hands over to it (so that the test does not depend on who wins an election) and goes, as if killed
            Master current = awaitLeader(masters, Duration.ofSeconds(40)); // the rejoin may have moved the leadership
            if (current != wiped) {
                transfer(current, wipedId);
                current.close();
                masters.remove(current);
            }
            assertEquals(wiped, awaitLeader(masters, Duration.ofSeconds(40)), "the caught-up master does not lead");
            for (String id : acked) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(wiped.url().resolve("/api/v1/jobs/" + id)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), "acknowledged job " + id + " is not on the caught-up master: " + r.body());
            }
            HttpResponse<String> more = post(wiped.url(), "{\"id\":\"after\",\"kind\":\"batch\",\"tasks\":[{\"name\":\"t\",\"instances\":1,\"cpus\":0.1,\"mem\":16,\"command\":\"true\"}]}");
            assertEquals(201, more.statusCode(), more.body());
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

    /** Hands the leadership over; retried while the rejoin's configuration change is still being committed (Ratis refuses then). */
    private static void transfer(Master leader, String to) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (true) {
            try {
                leader.node().transferLeadership(to, 10_000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !String.valueOf(e.getMessage()).contains("reconfiguration in progress")) throw e;
                Thread.sleep(500);
            }
        }
    }

    private static int otherThan(List<Master> masters, Master leader, int not) {
        for (int i = 0; i < masters.size(); i++) if (masters.get(i) != leader && i != not) return i;
        throw new AssertionError("no such master");
    }

    private PeerCertificates certs;

    private Master start(Peers group, String id, HaNode.Timing timing) throws IOException {
        Path dir = tmp.resolve(id);
        HaNode node = new HaNode(group, id, dir, timing, certs.of(id), OFTEN);
        LiveDriver.Settings settings = LiveDriver.Settings.defaults("none").withStateDir(dir);
        LiveDriver driver = LiveDriver.replicated(settings, new ReplicatedMastersTest.NoPlacement(), () -> System.currentTimeMillis() * 1000L, null,
                SecretStores.open(dir, null), node.journal(), node).start();
        CountDownLatch failStopped = new CountDownLatch(1);
        driver.onLogFailure(e -> failStopped.countDown()); // the CLI halts the process here
        ApiServer api = new ApiServer(driver, new InetSocketAddress("127.0.0.1", 0), ApiServer.DEFAULT_MAX_BODY_BYTES).start();
        URI url = URI.create("http://127.0.0.1:" + api.port());
        node.start(driver, url.toString());
        return new Master(node, driver, api, url, failStopped);
    }

    private static Master awaitLeader(List<Master> masters, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            List<Master> leading = masters.stream().filter(m -> m.driver().leading() && m.failStopped().getCount() > 0).toList();
            assertTrue(leading.size() <= 1, "two masters lead at once");
            if (leading.size() == 1 && leading.get(0).node().leaderUrl() != null && leading.get(0).node().self().equals(leading.get(0).node().leaderId())) {
                return leading.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no leader within " + patience);
    }

    private void awaitMetric(Master m, String name, double want, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        String seen = "none";
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(m.url().resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith(name + " ")) {
                    seen = line;
                    if (Double.parseDouble(line.substring(name.length() + 1)) == want) return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(m.node().self() + ": " + name + " never reached " + want + " (last: " + seen + "); snapshots " + m.node().snapshots());
    }

    private HttpResponse<String> post(URI base, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/jobs")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Origin", base.toString()).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

}
