package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.agent.AgentSettings;
import org.mesocosm.runtime.agent.LiveAgent;
import org.mesocosm.runtime.model.Resources;

/**
 * Issue 19: three real masters replicate their input log (Ratis); three agents run real
 * processes; four clients stream submissions to whichever master leads. The leader is killed
 * with SIGKILL at seeded points and started again on its state directory (it comes back as a
 * standby). Every job answered 201 must exist on the final leader with its nonce and finish; no
 * task instance may run twice at once (the start/end markers of {@link MasterKillTest}); at most
 * one master leads at any time we look. Prints the failover times: leader killed to the first
 * placement after it.
 */
class HaFailoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("mesocosm.hatest.seed", 20261207L);
    private static final int KILLS = Integer.getInteger("mesocosm.hatest.kills", 3); // the three leader kills
    /** Exit status of a master that lost its leadership after acting (MasterCommand.LOG_FAILURE_EXIT). */
    private static final int FAIL_STOP_EXIT = 75;
    private static final int CLIENTS = 4;

    @TempDir
    Path tmp;

    @Test
    @Timeout(480)
    void acknowledgedJobsSurviveLeaderKillsAndNoInstanceRunsTwiceAtOnce() throws Exception {
        Random rnd = new Random(SEED);
        Path markers = Files.createFile(tmp.resolve("markers.txt"));
        String context = "seed " + SEED + " (rerun with -Dmesocosm.hatest.seed=" + SEED + "), files in " + tmp;
        List<LiveAgent> agents = new ArrayList<>();
        List<String[]> acked = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        PrintStream agentLog = new PrintStream(Files.newOutputStream(tmp.resolve("agents.out")), true);
        // agents stay up for 20 s without a heartbeat: longer than an agent's long poll to a frozen leader can hang (15 s)
        HaCluster cluster = new HaCluster(Files.createDirectories(tmp.resolve("masters")), 3, "--agent-timeout", "20s", "--policy", "drf:interval=50ms");
        try {
            for (int i = 0; i < cluster.size; i++) cluster.start(i);
            int leader = cluster.awaitLeader(Duration.ofSeconds(90)); // three JVM starts on a loaded 2-core machine
            for (int i = 1; i <= 3; i++) {
                Path work = Files.createDirectories(tmp.resolve("agent" + i));
                List<URI> order = new ArrayList<>(cluster.urls);
                Collections.rotate(order, i); // agents list the masters in different orders: each finds the leader
                agents.add(new LiveAgent(new AgentSettings(order.get(0), "agent" + i, new Resources(2000, 4096, 0, 0), Map.of(), work, 500),
                        order, agentLog, cluster.agent()).start());
            }
            for (int c = 0; c < CLIENTS; c++) {
                long clientSeed = rnd.nextLong();
                String client = "c" + c;
                Thread t = new Thread(() -> submitUntilStopped(cluster, markers, client, new Random(clientSeed), acked, refused, stop), client);
                t.setDaemon(true);
                t.start();
                clients.add(t);
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Long> killedAtMillis = new ArrayList<>();
            List<Long> failovers = new ArrayList<>();
            List<String> kills = new ArrayList<>();
            for (int k = 0; k < KILLS; k++) {
                Thread.sleep(1500 + rnd.nextInt(2000));
                leader = cluster.awaitLeader(Duration.ofSeconds(30));
                int ackedBefore = acked.size();
                killedAtMillis.add(System.currentTimeMillis());
                cluster.kill(leader);
                long t0 = System.nanoTime();
                cluster.start(leader); // comes back as a standby on its own state dir
                int next = cluster.awaitLeader(Duration.ofSeconds(60));
                kills.add("kill " + (k + 1) + ": m" + (leader + 1) + " after " + ackedBefore + " acknowledged, m" + (next + 1) + " leads "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms later");
                failovers.add(awaitFirstPlacement(http, cluster, killedAtMillis.get(k), Duration.ofSeconds(30)));
                kills.set(kills.size() - 1, kills.get(kills.size() - 1) + ", first placement " + failovers.get(k) + " ms after the kill");
                System.err.println("HaFailoverTest: " + kills.get(kills.size() - 1)); // as it goes: a run that fails later still shows these
                awaitRejoined(cluster, leader, Duration.ofSeconds(120)); // a majority must be up before the next kill (a JVM start took 49 s under load average 30)
            }
            // a partition, iptables-free: the leader is frozen (SIGSTOP); the other two elect a leader and go on. Thawed, the old
            // leader must acknowledge nothing the new one lacks (checked below with every 201) and stop acting: it exits (fail-stop)
            Thread.sleep(1000 + rnd.nextInt(1500));
            int frozen = cluster.awaitLeader(Duration.ofSeconds(30));
            int ackedBefore = acked.size();
            cluster.signal(frozen, "STOP");
            int during = cluster.awaitLeader(Duration.ofSeconds(60));
            assertTrue(during != frozen, "the frozen master still answers as the leader; " + context);
            Thread.sleep(1500); // the new leader acts while the old one is frozen
            cluster.signal(frozen, "CONT");
            int exit = cluster.awaitExit(frozen, Duration.ofSeconds(60));
            assertEquals(FAIL_STOP_EXIT, exit, "the thawed old leader did not stop acting; " + context);
            kills.add("partition: m" + (frozen + 1) + " frozen after " + ackedBefore + " acknowledged, m" + (during + 1)
                    + " led meanwhile; thawed, m" + (frozen + 1) + " exited " + exit);
            cluster.start(frozen);
            awaitRejoined(cluster, frozen, Duration.ofSeconds(120));

            // and a standby dies and comes back: nothing is lost, nothing stops
            int leaderNow = cluster.awaitLeader(Duration.ofSeconds(30));
            int standby = (leaderNow + 1 + rnd.nextInt(cluster.size - 1)) % cluster.size;
            cluster.kill(standby);
            cluster.start(standby);
            kills.add("standby m" + (standby + 1) + " killed and restarted");
            Thread.sleep(1500);
            stop.set(true);
            for (Thread t : clients) t.join(15_000);
            assertTrue(acked.size() > 10, "too few submissions acknowledged to mean anything: " + acked.size() + "; " + context);
            Map<String, java.util.Set<String>> ackersByTerm = ackersByTerm(acked);
            for (Map.Entry<String, java.util.Set<String>> e : ackersByTerm.entrySet()) {
                assertEquals(1, e.getValue().size(), "masters " + e.getValue() + " both acknowledged writes in term " + e.getKey() + "; " + context);
            }

            leader = cluster.awaitLeader(Duration.ofSeconds(30));
            URI url = cluster.urls.get(leader);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (String[] idAndNonce : new ArrayList<>(acked)) {
                String id = idAndNonce[0];
                while (true) {
                    HttpResponse<String> r = get(http, cluster, url, "api/v1/jobs/" + id);
                    assertEquals(200, r.statusCode(), "acknowledged job " + id + " is not on the leader m" + (leader + 1) + " after " + kills + "; " + context);
                    JsonNode j = JSON.readTree(r.body());
                    if (j.path("details_forgotten").asBoolean()) {
                        // a long run (-Dmesocosm.hatest.kills=10) ends more jobs than the API keeps (LiveState.ENDED_JOBS_KEPT): the
                        // oldest keep only their outcome, so the nonce cannot be compared; the job must still have finished
                        assertEquals("finished", j.path("status").asText(), "forgotten acknowledged job " + id + ": " + j + "; " + context);
                        break;
                    }
                    assertEquals(idAndNonce[1], j.path("spec").path("tasks").path(0).path("env").path("NONCE").asText(),
                            "acknowledged job " + id + " was lost and its id given to another job after " + kills + "; " + context);
                    String status = j.path("status").asText();
                    if (status.equals("finished")) break;
                    if (!status.equals("active") || System.nanoTime() > deadline) fail("job " + id + " is " + status + ": " + j.path("tasks") + "; " + context);
                    Thread.sleep(100);
                }
            }
            List<String> lines = Files.readAllLines(markers);
            MasterKillTest.assertNoOverlaps(lines, context);
            assertEquals(1, cluster.leaders().size(), "one leader at the end; " + context);
            for (String line : cluster.logs().split("\n")) {
                if (line.startsWith("---- ") || line.contains("leader") || line.contains("Leader") || line.contains("result") || line.contains("FATAL")
                        || line.contains("re-registered")) System.err.println("  " + line);
            }
            kills.add(0, "killed at " + killedAtMillis.stream().map(t -> java.time.Instant.ofEpochMilli(t).toString()).toList());
            System.err.println("HaFailoverTest: " + acked.size() + " acknowledged jobs survived " + kills + ", " + refused.get()
                    + " submissions refused or cut off; failover (leader killed -> first placement after it, ms): " + failovers
                    + " (n=" + failovers.size() + ", p50 " + failovers.stream().sorted().toList().get(failovers.size() / 2) + ", max "
                    + failovers.stream().mapToLong(Long::longValue).max().orElse(-1) + "; run with -Dmesocosm.hatest.kills=10 for the README's numbers); "
                    + context);
            for (long f : failovers) assertTrue(f >= 0 && f < 30_000, "no placement within 30 s of a leader kill: " + failovers + "; " + context);
            // the goal, on the median so that one kill during a JVM pause of a loaded CI machine does not fail the build
            // (each kill is held to 30 s above); 10 kills on a quiet machine: median 3.65 s, max 6.3 s
            assertTrue(failovers.stream().sorted().toList().get((failovers.size() - 1) / 2) < 10_000,
                    "scheduling did not resume within 10 s of most leader kills: " + failovers + "; " + context);
        } catch (Throwable t) {
            cluster.close();
            System.err.println("HaFailoverTest failed; what the masters printed:\n" + cluster.logs());
            throw t;
        } finally {
            stop.set(true);
            for (LiveAgent a : agents) a.close();
            agentLog.close();
            cluster.close();
        }
    }

    /**
     * Milliseconds from a kill to the first placement after it, asked of whichever master leads
     * right after the kill (master time is the wall clock of this machine: only a new leader
     * places after the old one died), or -1 if none came within {@code patience}. Asked at once,
     * not at the end of the run: the API forgets the tasks of all but its last 1,000 ended jobs,
     * and a failover time read from the final leader's list came out as the time to the first
     * placement it still remembered (43 s and shrinking kill by kill, in the first 10-kill runs).
     */
    private static long awaitFirstPlacement(HttpClient http, HaCluster cluster, long killedAtMillis, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            List<Integer> leaders = cluster.leaders();
            if (leaders.size() == 1) {
                try {
                    long placed = firstPlacementAfter(JSON.readTree(get(http, cluster, cluster.urls.get(leaders.get(0)), "api/v1/tasks").body()), killedAtMillis);
                    if (placed >= 0) return placed - killedAtMillis;
                } catch (IOException e) {
                    // the leader went away while we asked: ask the next one
                }
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** The earliest placement time (epoch ms) after {@code afterMillis} among the tasks listed, or -1. */
    static long firstPlacementAfter(JsonNode tasks, long afterMillis) {
        long first = Long.MAX_VALUE;
        for (JsonNode t : tasks.path("tasks")) {
            if (!t.has("placed_at")) continue;
            long placed = java.time.Instant.parse(t.path("placed_at").asText()).toEpochMilli();
            if (placed > afterMillis) first = Math.min(first, placed);
        }
        return first == Long.MAX_VALUE ? -1 : first;
    }

    /** Waits until master {@code i} has rejoined the group and applied the log (a majority must be up before the next kill). */
    static void awaitRejoined(HaCluster cluster, int i, Duration patience) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String metrics = http.send(cluster.ops().authorize(HttpRequest.newBuilder(cluster.urls.get(i).resolve("metrics"))).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
                for (String line : metrics.split("\n")) {
                    if (line.startsWith("mesocosm_ha_applied_index ") && Double.parseDouble(line.substring(line.indexOf(' ') + 1)) > 0) return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("master m" + (i + 1) + " did not rejoin within " + patience);
    }

    /** Submits one-task batch jobs to whichever master leads until told to stop; collects the ids of those answered 201. */
    private static void submitUntilStopped(HaCluster cluster, Path markers, String client, Random rnd, List<String[]> acked, AtomicInteger refused,
                                           AtomicBoolean stop) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofMillis(500)).build();
        int at = rnd.nextInt(cluster.size);
        for (int n = 0; !stop.get(); n++) {
            String nonce = client + "-" + n;
            String body = spec(markers, nonce, rnd);
            for (int hop = 0; hop < 3; hop++) {
                try {
                    HttpResponse<String> r = http.send(cluster.ops().authorize(HttpRequest.newBuilder(cluster.urls.get(at).resolve("api/v1/jobs")))
                            .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 307) {
                        URI loc = URI.create(r.headers().firstValue("Location").orElseThrow());
                        for (int i = 0; i < cluster.size; i++) if (cluster.urls.get(i).getPort() == loc.getPort()) at = i;
                        continue;
                    }
                    if (r.statusCode() == 201) {
                        acked.add(new String[] {JSON.readTree(r.body()).path("id").asText(), nonce, r.headers().firstValue("X-Mesocosm-Master").orElse("")});
                    }
                    else {
                        refused.incrementAndGet();
                        at = (at + 1) % cluster.size;
                    }
                } catch (IOException e) {
                    refused.incrementAndGet(); // that master is down: not acknowledged, so the job may or may not exist
                    at = (at + 1) % cluster.size;
                } catch (InterruptedException e) {
                    return;
                }
                break;
            }
            try {
                Thread.sleep(60 + rnd.nextInt(80));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Term -> the masters that answered a 201 while naming themselves the leader of that term, from
     * each 201's X-Mesocosm-Master header ("ID; leader=ID; term=N", read when the answer left). No
     * split brain: one master per term. A 201 whose master already knew of a newer leader when it
     * answered (its entry committed just before) says nothing about a term and is left out; every
     * 201 must carry the header.
     */
    static Map<String, java.util.Set<String>> ackersByTerm(List<String[]> acked) {
        Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
        synchronized (acked) {
            for (String[] a : acked) {
                String[] parts = a[2].split(";\\s*");
                assertTrue(parts.length == 3 && parts[1].startsWith("leader=") && parts[2].startsWith("term="),
                        "a 201 for job " + a[0] + " lacks a well-formed X-Mesocosm-Master header: '" + a[2] + "'");
                if (parts[1].equals("leader=" + parts[0])) out.computeIfAbsent(parts[2].substring(5), k -> new java.util.TreeSet<>()).add(parts[0]);
            }
        }
        return out;
    }

    /** The marker-writing batch job of MasterKillTest: "S id time" and "E id time" (also when killed). */
    private static String spec(Path markers, String nonce, Random rnd) {
        return MasterKillTest.spec(markers, nonce, rnd);
    }

    private static HttpResponse<String> get(HttpClient http, HaCluster cluster, URI base, String path) throws IOException, InterruptedException {
        return http.send(cluster.ops().authorize(HttpRequest.newBuilder(base.resolve(path))).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
