package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.agent.AgentSettings;
import org.mesocosm.runtime.agent.LiveAgent;
import org.mesocosm.runtime.model.Resources;

/**
 * Issue 19, partition: three real masters (mutual peer TLS) reach each other only through a
 * {@link PartitionProxy}; two agents run real processes; clients stream submissions. First a
 * follower is cut off: the leader goes on acknowledging in the same term, nobody exits, and the
 * follower catches up after the partition heals. Then the leader is cut off from both followers
 * while it keeps running and answering its API and its agents:
 * <ul>
 *   <li>the two others elect a new leader (time measured);</li>
 *   <li>no write sent to the isolated old leader is answered 201 (what its clients see, and when,
 *       is printed), and no term has two masters answering 201 as its leader;</li>
 *   <li>nothing is launched on the agents that the replicated log does not hold: every launch
 *       after the partition began is of a task the final leader knows, with the job's nonce, and no
 *       task attempt is launched twice;</li>
 *   <li>the old leader stops acting (it exits, fail-stop, status 75); healed and restarted, it
 *       rejoins; every acknowledged job is on the final leader with its nonce and finishes; no
 *       instance ran twice at once.</li>
 * </ul>
 * Seeded; prints the seed, the files and the times.
 */
class HaPartitionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("mesocosm.hapartition.seed", 20261207L);
    /** Exit status of a master that lost its leadership after acting (MasterCommand.LOG_FAILURE_EXIT). */
    private static final int FAIL_STOP_EXIT = 75;
    private static final int CLIENTS = 3;

    /** One submission: to which master, when, and what came back (status -1: no answer, see error). */
    record Attempt(String nonce, int master, long sentMillis, long answeredMillis, int status, String header, String jobId, String error) {
        /** "sent +T ms: ANSWER after D ms", T counted from {@code since}. */
        String describe(long since) {
            return "sent +" + (sentMillis - since) + " ms: " + (status < 0 ? error : Integer.toString(status)) + " after " + (answeredMillis - sentMillis) + " ms";
        }
    }

    @TempDir
    Path tmp;

    @Test
    @Timeout(300)
    void anIsolatedLeaderAcknowledgesNothingAndTheMajorityGoesOn() throws Exception {
        Assumptions.assumeTrue(ProcSockets.available(), "no /proc/net/tcp here (not Linux): the partition proxy cannot tell the masters apart");
        Random rnd = new Random(SEED);
        Path markers = Files.createFile(tmp.resolve("markers.txt"));
        Path launches = Files.createFile(tmp.resolve("launches.txt"));
        String context = "seed " + SEED + " (rerun with -Dmesocosm.hapartition.seed=" + SEED + "), files in " + tmp;
        List<LiveAgent> agents = new ArrayList<>();
        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger nonces = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        List<String> times = new ArrayList<>();
        PrintStream agentLog = new PrintStream(Files.newOutputStream(tmp.resolve("agents.out")), true);
        HaCluster cluster = HaCluster.behindProxy(Files.createDirectories(tmp.resolve("masters")), 3, "--agent-timeout", "20s", "--policy", "drf:interval=50ms");
        PartitionProxy proxy = cluster.proxy();
        try {
            for (int i = 0; i < cluster.size; i++) cluster.start(i);
            long t0 = System.currentTimeMillis();
            cluster.awaitLeader(Duration.ofSeconds(90)); // three JVM starts on a loaded 2-core machine
            for (int i = 1; i <= 2; i++) {
                Path work = Files.createDirectories(tmp.resolve("agent" + i));
                List<URI> order = new ArrayList<>(cluster.urls);
                Collections.rotate(order, i);
                agents.add(new LiveAgent(new AgentSettings(order.get(0), "agent" + i, new Resources(2000, 4096, 0, 0), Map.of(), work, 500),
                        order, agentLog, cluster.agent()).start());
            }
            for (int c = 0; c < CLIENTS; c++) {
                Random clientRnd = new Random(rnd.nextLong());
                Thread t = new Thread(() -> followTheLeader(cluster, markers, launches, clientRnd, nonces, attempts, stop), "client-" + c);
                t.setDaemon(true);
                t.start();
                clients.add(t);
            }
            Thread.sleep(2000 + rnd.nextInt(1500));
            times.add("a leader " + (System.currentTimeMillis() - t0) + " ms after the start");

            // ---- a follower is cut off: the leader goes on, nobody exits, it catches up after the partition heals
            int leader = cluster.awaitLeader(Duration.ofSeconds(30));
            assertTrue(proxy.forwarded(leader, (leader + 1) % 3) + proxy.forwarded((leader + 1) % 3, leader) > 0,
                    "the masters do not talk through the proxy: " + proxy.report() + "; " + context);
            String termBefore = term(cluster, leader);
            int follower = (leader + 1 + rnd.nextInt(2)) % 3;
            long followerCutAt = System.currentTimeMillis();
            proxy.isolate(follower);
            Thread.sleep(4000); // two to four election timeouts (1-2 s) of the follower
            long followerHealAt = System.currentTimeMillis();
            proxy.heal();
            assertTrue(cluster.alive(follower), "the isolated follower m" + (follower + 1) + " exited; " + context);
            assertEquals(List.of(leader), cluster.leaders(), "the leader changed because a follower was cut off; " + context);
            long ackedWhileFollowerCut = attempts.stream().filter(a -> a.status() == 201 && a.sentMillis() >= followerCutAt && a.answeredMillis() < followerHealAt).count();
            assertTrue(ackedWhileFollowerCut > 0, "the leader acknowledged nothing while a follower was cut off; " + context);
            long target = metric(cluster, leader, "mesocosm_ha_commit_index");
            long caughtUpAfter = awaitApplied(cluster, follower, target, Duration.ofSeconds(60), context);
            String termAfter = term(cluster, leader);
            times.add("follower partition: m" + (follower + 1) + " isolated for " + (followerHealAt - followerCutAt) + " ms; leader m" + (leader + 1)
                    + " acknowledged " + ackedWhileFollowerCut + " jobs meanwhile (term " + termBefore + " before, " + termAfter
                    + " after); the follower applied the leader's commit index " + target + " " + caughtUpAfter + " ms after healing");
            assertEquals(termBefore, termAfter, "a follower cut off and healed disturbed the leader's term; " + context);

            // ---- the leader is cut off from both followers; it keeps running and answering its API and agents
            int old = cluster.awaitLeader(Duration.ofSeconds(30));
            int a1 = (old + 1) % 3, a2 = (old + 2) % 3;
            long between0 = proxy.forwarded(a1, a2) + proxy.forwarded(a2, a1);
            java.util.concurrent.CompletableFuture<Long> exitTime = cluster.exitTime(old);
            long partitionAt = System.currentTimeMillis();
            proxy.isolate(old);
            AtomicBoolean probing = new AtomicBoolean(true);
            List<Attempt> toOld = Collections.synchronizedList(new ArrayList<>());
            Thread prober = new Thread(() -> probe(cluster, old, markers, launches, new Random(SEED + 1), nonces, toOld, probing), "prober");
            prober.setDaemon(true);
            prober.start();
            java.util.concurrent.atomic.AtomicLong oldStillLeadsAt = new java.util.concurrent.atomic.AtomicLong(-1); // its last read answered as the leader
            Thread reader = new Thread(() -> {
                try {
                    while (cluster.alive(old)) {
                        if (cluster.leads(old)) oldStillLeadsAt.set(System.currentTimeMillis());
                        Thread.sleep(50);
                    }
                } catch (InterruptedException e) {
                    // done
                }
            }, "old-leader-reader");
            reader.setDaemon(true);
            reader.start();
            int next = -1;
            long deadline = System.currentTimeMillis() + 60_000;
            while (next < 0) {
                if (System.currentTimeMillis() > deadline) fail("the majority elected no leader within 60 s of the partition; " + proxy.report() + "; " + context);
                for (int l : List.of(a1, a2)) if (cluster.leads(l)) next = l;
                Thread.sleep(50);
            }
            long electedAt = System.currentTimeMillis();
            long electedLogged = electedAt(cluster.stderr(next), next, partitionAt);
            int exit = cluster.awaitExit(old, Duration.ofSeconds(60));
            long exitedAt = exitTime.get();
            assertEquals(FAIL_STOP_EXIT, exit, "the isolated old leader did not stop acting (fail-stop); " + context);
            String oldSaid = cluster.stderr(old).lines().filter(l -> l.contains("FATAL")).map(String::strip)
                    .collect(java.util.stream.Collectors.joining(" / "));
            Thread.sleep(1500); // the new leader acts; the old one is gone
            probing.set(false);
            prober.join(40_000);
            long between1 = proxy.forwarded(a1, a2) + proxy.forwarded(a2, a1);
            assertTrue(between1 > between0, "the two followers exchanged nothing during the partition: " + proxy.report() + "; " + context);
            assertTrue(proxy.dropped(old, next) + proxy.dropped(next, old) + proxy.held() > 0,
                    "the partition dropped nothing between the old and the new leader: " + proxy.report() + "; " + context);
            long healAt = System.currentTimeMillis();
            proxy.heal();
            cluster.start(old); // rejoins as a standby (checked at the end: the checks below need no third master)
            reader.join(5_000);
            times.add("leader partition: m" + (old + 1) + " isolated; m" + (next + 1) + " said it was elected after " + (electedLogged - partitionAt)
                    + " ms and answered as the leader after " + (electedAt - partitionAt) + " ms; the old leader last answered a read as the leader "
                    + (oldStillLeadsAt.get() < 0 ? "never" : (oldStillLeadsAt.get() - partitionAt) + " ms")
                    + " after the partition and exited " + exit + " " + (exitedAt - partitionAt) + " ms after it, saying: " + oldSaid);

            Thread.sleep(1000);
            stop.set(true);
            for (Thread t : clients) t.join(20_000);
            List<Attempt> all = new ArrayList<>(attempts);
            all.addAll(toOld);

            // (b) no 201 from the isolated old leader for a write sent after the partition began; one acknowledger per term
            List<Attempt> oldAfter = all.stream().filter(a -> a.master() == old && a.sentMillis() >= partitionAt && a.sentMillis() < healAt).toList();
            for (Attempt a : oldAfter) {
                assertTrue(a.status() != 201, "the isolated old leader m" + (old + 1) + " acknowledged job " + a.jobId() + " ("
                        + a.header() + ") sent " + (a.sentMillis() - partitionAt) + " ms after the partition began; " + context);
            }
            assertTrue(!oldAfter.isEmpty(), "no write reached the isolated old leader: the test proved nothing about it; " + context);
            List<String[]> acked = all.stream().filter(a -> a.status() == 201).map(a -> new String[] {a.jobId(), a.nonce(), a.header()}).toList();
            assertTrue(acked.size() > 10, "too few submissions acknowledged to mean anything: " + acked.size() + "; " + context);
            Map<String, java.util.Set<String>> ackersByTerm = HaFailoverTest.ackersByTerm(new ArrayList<>(acked));
            for (Map.Entry<String, java.util.Set<String>> e : ackersByTerm.entrySet()) {
                assertEquals(1, e.getValue().size(), "masters " + e.getValue() + " both acknowledged writes in term " + e.getKey() + "; " + context);
            }

            // (d) every acknowledged job is on the final leader with its nonce, and finishes
            int fin = cluster.awaitLeader(Duration.ofSeconds(30));
            URI url = cluster.urls.get(fin);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Map<String, String> nonceOfJob = new HashMap<>();
            long finishBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (String[] a : acked) {
                while (true) {
                    HttpResponse<String> r = get(http, cluster, url, "api/v1/jobs/" + a[0]);
                    assertEquals(200, r.statusCode(), "acknowledged job " + a[0] + " is not on the final leader m" + (fin + 1) + "; " + context);
                    JsonNode j = JSON.readTree(r.body());
                    String nonce = j.path("spec").path("tasks").path(0).path("env").path("NONCE").asText();
                    assertEquals(a[1], nonce, "acknowledged job " + a[0] + " was lost and its id given to another job; " + context);
                    nonceOfJob.put(a[0], nonce);
                    String status = j.path("status").asText();
                    if (status.equals("finished")) break;
                    if (!status.equals("active") || System.nanoTime() > finishBy) fail("job " + a[0] + " is " + status + ": " + j.path("tasks") + "; " + context);
                    Thread.sleep(100);
                }
            }

            // (c) nothing the log does not hold was launched: each launch after the partition began is of a task the final leader
            // knows, of the job with that nonce; no task attempt was launched twice (two masters launching the same decision)
            Map<String, String> jobOfTask = new HashMap<>();
            for (JsonNode t : JSON.readTree(get(http, cluster, url, "api/v1/tasks").body()).path("tasks")) jobOfTask.put(t.path("id").asText(), t.path("job_id").asText());
            Map<String, Integer> launchesOf = new TreeMap<>();
            int launchedDuringPartition = 0;
            for (String line : Files.readAllLines(launches)) {
                String[] p = line.trim().split(" "); // L TASK NONCE NANOS
                assertEquals(4, p.length, "bad launch line '" + line + "'; " + context);
                launchesOf.merge(p[1], 1, Integer::sum);
                long at = Long.parseLong(p[3]) / 1_000_000;
                if (at < partitionAt) continue;
                if (at < exitedAt) launchedDuringPartition++;
                String job = jobOfTask.get(p[1]);
                assertTrue(job != null, "task " + p[1] + " (nonce " + p[2] + ") was launched " + (at - partitionAt)
                        + " ms after the partition began but the final leader has no such task; " + context);
                String nonce = nonceOfJob.computeIfAbsent(job, j -> nonceOf(http, cluster, url, j));
                assertEquals(p[2], nonce, "task " + p[1] + " was launched for a job the replicated log does not hold; " + context);
            }
            launchesOf.forEach((task, n) -> assertEquals(1, n, "task attempt " + task + " was launched " + n + " times; " + context));
            MasterKillTest.assertNoOverlaps(Files.readAllLines(markers), context);
            HaFailoverTest.awaitRejoined(cluster, old, Duration.ofSeconds(90));
            times.add("the old leader, restarted at the heal, rejoined " + (System.currentTimeMillis() - healAt) + " ms after it");
            assertEquals(1, cluster.leaders().size(), "one leader at the end; " + context);

            // a short run: the API still remembers every task (it forgets all but the last 1,000 ended jobs), so reading it now is exact
            long placedAt = HaFailoverTest.firstPlacementAfter(JSON.readTree(get(http, cluster, url, "api/v1/tasks").body()), exitedAt);
            long placed = placedAt < 0 ? -1 : placedAt - exitedAt;
            times.add("first placement " + placed + " ms after the old leader exited (" + (placedAt < 0 ? -1 : placedAt - partitionAt)
                    + " ms after the partition); " + launchedDuringPartition + " launches between the partition and the old leader's exit, all committed");
            times.add("writes sent to the isolated old leader: " + oldAfter.stream().sorted(java.util.Comparator.comparingLong(Attempt::sentMillis)).map(a -> a.describe(partitionAt)).toList());
            System.err.println("HaPartitionTest: " + acked.size() + " acknowledged jobs; " + String.join("; ", times) + "; " + proxy.report()
                    + "; " + context);
        } catch (Throwable t) {
            cluster.close();
            System.err.println("HaPartitionTest failed (" + context + "); " + times + "; " + proxy.report() + "\nwhat the masters printed:\n" + cluster.logs());
            throw t;
        } finally {
            stop.set(true);
            for (LiveAgent a : agents) a.close();
            agentLog.close();
            cluster.close();
        }
    }

    /** Submits to whichever master leads until told to stop (a 307 is followed, anything else moves on to the next master). */
    private static void followTheLeader(HaCluster cluster, Path markers, Path launches, Random rnd, AtomicInteger nonces, List<Attempt> attempts,
                                        AtomicBoolean stop) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofMillis(500)).build();
        int at = rnd.nextInt(cluster.size);
        while (!stop.get()) {
            String nonce = "n" + nonces.incrementAndGet();
            String body = spec(markers, launches, nonce, rnd);
            for (int hop = 0; hop < 3; hop++) {
                Attempt a = post(http, cluster, at, nonce, body, Duration.ofSeconds(15));
                attempts.add(a);
                if (a.status() == 307) {
                    at = a.error().isEmpty() ? at : Integer.parseInt(a.error());
                    continue;
                }
                if (a.status() != 201) at = (at + 1) % cluster.size;
                break;
            }
            if (sleep(60 + rnd.nextInt(80))) return;
        }
    }

    /** Keeps sending writes to the isolated master, one at a time, until told to stop or it is gone. */
    private static void probe(HaCluster cluster, int master, Path markers, Path launches, Random rnd, AtomicInteger nonces, List<Attempt> out,
                              AtomicBoolean probing) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofMillis(500)).build();
        while (probing.get() && cluster.alive(master)) {
            String nonce = "p" + nonces.incrementAndGet();
            out.add(post(http, cluster, master, nonce, spec(markers, launches, nonce, rnd), Duration.ofSeconds(30)));
            if (sleep(100)) return;
        }
    }

    /** One POST of a job; a 307's target master index travels in {@code error}. */
    private static Attempt post(HttpClient http, HaCluster cluster, int master, String nonce, String body, Duration timeout) {
        long sent = System.currentTimeMillis();
        try {
            HttpResponse<String> r = http.send(cluster.ops().authorize(HttpRequest.newBuilder(cluster.urls.get(master).resolve("api/v1/jobs")))
                    .timeout(timeout).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String header = r.headers().firstValue("X-Mesocosm-Master").orElse("");
            String jobId = r.statusCode() == 201 ? JSON.readTree(r.body()).path("id").asText() : null;
            String note = "";
            if (r.statusCode() == 307) {
                URI loc = URI.create(r.headers().firstValue("Location").orElseThrow());
                for (int i = 0; i < cluster.size; i++) if (cluster.urls.get(i).getPort() == loc.getPort()) note = Integer.toString(i);
            }
            return new Attempt(nonce, master, sent, System.currentTimeMillis(), r.statusCode(), header, jobId, note);
        } catch (IOException e) {
            // not answered: the job may or may not exist
            return new Attempt(nonce, master, sent, System.currentTimeMillis(), -1, "", null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(nonce, master, sent, System.currentTimeMillis(), -1, "", null, "interrupted");
        }
    }

    /** MasterKillTest's marker-writing batch job, which first appends "L TASK NONCE NANOS" to {@code launches}: every launch, by any master. */
    private static String spec(Path markers, Path launches, String nonce, Random rnd) {
        try {
            ObjectNode job = (ObjectNode) JSON.readTree(MasterKillTest.spec(markers, nonce, rnd));
            ObjectNode task = (ObjectNode) job.path("tasks").path(0);
            task.put("command", "echo \"L $MESOCOSM_TASK_ID $NONCE $(date +%s%N)\" >> '" + launches + "'; " + task.path("command").asText());
            return job.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String nonceOf(HttpClient http, HaCluster cluster, URI url, String job) {
        try {
            return JSON.readTree(get(http, cluster, url, "api/v1/jobs/" + job).body()).path("spec").path("tasks").path(0).path("env").path("NONCE").asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** When (epoch ms) master {@code i} last said it was elected leader, as its stderr has it; -1 if not since {@code since}. */
    private static long electedAt(String stderr, int i, long since) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\S+) mesocosm master m" + (i + 1) + ": elected leader in term").matcher(stderr);
        long at = -1;
        while (m.find()) {
            long t = java.time.Instant.parse(m.group(1)).toEpochMilli();
            if (t >= since) at = t;
        }
        return at;
    }

    /** Waits until master {@code i} has applied the log up to {@code index}; returns how long that took. */
    private static long awaitApplied(HaCluster cluster, int i, long index, Duration patience, String context) throws InterruptedException {
        long t0 = System.currentTimeMillis();
        long deadline = t0 + patience.toMillis();
        long last = -1;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = metric(cluster, i, "mesocosm_ha_applied_index");
                if (last >= index) return System.currentTimeMillis() - t0;
            } catch (IOException e) {
                // busy
            }
            Thread.sleep(50);
        }
        throw new AssertionError("m" + (i + 1) + " applied the log only up to " + last + ", not " + index + ", within " + patience + " of healing; " + context);
    }

    private static long metric(HaCluster cluster, int i, String name) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        String text = http.send(cluster.ops().authorize(HttpRequest.newBuilder(cluster.urls.get(i).resolve("metrics"))).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) return (long) Double.parseDouble(line.substring(name.length() + 1));
        }
        throw new IOException("m" + (i + 1) + " has no " + name + " in its /metrics");
    }

    /** The term in master {@code i}'s X-Mesocosm-Master header ("ID; leader=ID; term=N"). */
    private static String term(HaCluster cluster, int i) throws IOException, InterruptedException {
        HttpResponse<String> r = get(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), cluster, cluster.urls.get(i), "api/v1/agents");
        String h = r.headers().firstValue("X-Mesocosm-Master").orElse("");
        return h.contains("term=") ? h.substring(h.indexOf("term=") + 5) : "n/a";
    }

    /** Sleeps; true if interrupted (the caller stops). */
    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static HttpResponse<String> get(HttpClient http, HaCluster cluster, URI base, String path) throws IOException, InterruptedException {
        return http.send(cluster.ops().authorize(HttpRequest.newBuilder(base.resolve(path))).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
