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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.agent.AgentSettings;
import org.mesocosm.runtime.agent.LiveAgent;
import org.mesocosm.runtime.model.Resources;

/**
 * The master, a real OS process, is killed with SIGKILL at seeded random points while clients
 * stream job submissions, and restarted on the same state directory and port each time. Every
 * job whose submission was answered 201 must be there afterwards and finish; and no task
 * instance may run twice at once: each task's process writes a start and an end marker with its
 * task id to a shared file, and the attempts of one instance must not overlap.
 */
class MasterKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("mesocosm.killtest.seed", 20261123L);
    private static final int KILLS = 3;
    private static final int CLIENTS = 4;

    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void acknowledgedJobsSurviveSigkillAndNoInstanceRunsTwiceAtOnce() throws Exception {
        Random rnd = new Random(SEED);
        int port = MasterProcess.freePort();
        Path markers = tmp.resolve("markers.txt");
        Files.createFile(markers);
        MasterProcess master = new MasterProcess(port, tmp.resolve("state"), tmp.resolve("master.out"),
                "--agent-timeout", "5s", "--policy", "drf:interval=50ms");
        List<LiveAgent> agents = new ArrayList<>();
        // id -> nonce: the master hands out ids, and may hand one out again if its first holder was lost; the nonce tells them apart
        List<String[]> acked = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        PrintStream agentLog = new PrintStream(Files.newOutputStream(tmp.resolve("agents.out")), true);
        String context = "seed " + SEED + " (rerun with -Dmesocosm.killtest.seed=" + SEED + "), files in " + tmp;
        try {
            master.start(Duration.ofSeconds(60)); // a JVM start with TLS set-up; a loaded 2-core runner took over 20 s
            for (int i = 1; i <= 3; i++) {
                Path work = Files.createDirectories(tmp.resolve("agent" + i));
                agents.add(new LiveAgent(new AgentSettings(master.url(), "agent" + i, new Resources(2000, 4096, 0, 0), Map.of(), work, 500),
                        agentLog, master.agent()).start());
            }
            for (int c = 0; c < CLIENTS; c++) {
                long clientSeed = rnd.nextLong();
                String client = "c" + c;
                Thread t = new Thread(() -> submitUntilStopped(master, markers, client, new Random(clientSeed), acked, refused, stop), client);
                t.setDaemon(true);
                t.start();
                clients.add(t);
            }
            List<String> kills = new ArrayList<>();
            for (int k = 0; k < KILLS; k++) {
                Thread.sleep(700 + rnd.nextInt(1800));
                int ackedBefore = acked.size();
                master.kill();
                Duration up = master.start(Duration.ofSeconds(60)); // a JVM start with TLS set-up; a loaded 2-core runner took over 20 s
                kills.add("kill " + (k + 1) + " after " + ackedBefore + " acknowledged, up again in " + up.toMillis() + " ms");
            }
            Thread.sleep(1000);
            stop.set(true);
            for (Thread t : clients) t.join(10_000);
            assertTrue(acked.size() > 20, "too few submissions acknowledged to mean anything: " + acked.size() + "; " + context);

            HttpClient http = master.ops().configure(HttpClient.newBuilder()).build();
            Map<String, String> copy = new LinkedHashMap<>();
            for (String[] idAndNonce : new ArrayList<>(acked)) {
                String id = idAndNonce[0];
                HttpResponse<String> r = get(http, master, "api/v1/jobs/" + id);
                assertEquals(200, r.statusCode(), "acknowledged job " + id + " is gone after " + kills + "; " + context);
                String nonce = JSON.readTree(r.body()).path("spec").path("tasks").path(0).path("env").path("NONCE").asText();
                assertEquals(idAndNonce[1], nonce, "acknowledged job " + id + " was lost and its id given to another job after " + kills
                        + "; " + context);
                copy.put(id, nonce);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            for (String id : copy.keySet()) {
                while (true) {
                    JsonNode j = JSON.readTree(get(http, master, "api/v1/jobs/" + id).body());
                    String status = j.path("status").asText();
                    if (status.equals("finished")) break;
                    if (!status.equals("active") || System.nanoTime() > deadline) {
                        fail("job " + id + " is " + status + ": " + j.path("tasks") + "; " + context);
                    }
                    Thread.sleep(100);
                }
            }
            assertNoOverlaps(Files.readAllLines(markers), context);
            for (String line : Files.readAllLines(tmp.resolve("master.out"))) {
                if (line.contains("recovered") || line.contains("torn") || line.contains("re-registered")) System.err.println("  " + line);
            }
            System.err.println("MasterKillTest: " + copy.size() + " acknowledged jobs survived " + kills + ", " + refused.get()
                    + " submissions refused or cut off; " + context);
        } finally {
            stop.set(true);
            for (LiveAgent a : agents) a.close();
            master.kill();
            agentLog.close();
        }
    }

    /** Submits one-task batch jobs until told to stop; collects the ids of those answered 201. */
    private static void submitUntilStopped(MasterProcess master, Path markers, String client, Random rnd, List<String[]> acked, AtomicInteger refused,
                                           AtomicBoolean stop) {
        HttpClient http = master.ops().configure(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofMillis(500))).build();
        for (int n = 0; !stop.get(); n++) {
            String nonce = client + "-" + n;
            try {
                HttpResponse<String> r = http.send(master.ops().authorize(HttpRequest.newBuilder(master.url().resolve("api/v1/jobs"))).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(spec(markers, nonce, rnd))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) acked.add(new String[] {JSON.readTree(r.body()).path("id").asText(), nonce});
                else refused.incrementAndGet();
            } catch (IOException e) {
                refused.incrementAndGet(); // the master is down: this submission was not acknowledged, so it may or may not exist
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(60 + rnd.nextInt(80));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A batch job whose task writes "S id time" and "E id time" (also when killed) to the marker file. */
    static String spec(Path markers, String nonce, Random rnd) {
        String f = markers.toString();
        String mark = "echo \"%s $MESOCOSM_TASK_ID $(date +%%s%%N)\" >> '" + f + "'";
        String cmd = String.format(mark, "S") + "; trap '" + String.format(mark, "E").replace("'", "'\\''") + "; exit 143' TERM; "
                + "sleep 0." + (1 + rnd.nextInt(4)) + "; " + String.format(mark, "E");
        ObjectNode job = JSON.createObjectNode().put("kind", "batch");
        ObjectNode task = job.putArray("tasks").addObject().put("name", "t").put("instances", 1).put("cpus", 0.1).put("mem", 16).put("command", cmd);
        task.putObject("env").put("NONCE", nonce);
        return job.toString();
    }

    private static HttpResponse<String> get(HttpClient http, MasterProcess master, String path) throws IOException, InterruptedException {
        return http.send(master.ops().authorize(HttpRequest.newBuilder(master.url().resolve(path))).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Attempts of one instance (task ids JOB.TASK.INSTANCE.ATTEMPT) must not overlap in time; an attempt with no end never ended. */
    static void assertNoOverlaps(List<String> lines, String context) {
        Map<String, long[]> attempts = new TreeMap<>();
        for (String line : lines) {
            String[] p = line.trim().split(" ");
            if (p.length != 3) fail("bad marker line '" + line + "'; " + context);
            long[] span = attempts.computeIfAbsent(p[1], k -> new long[] {-1, Long.MAX_VALUE});
            if (p[0].equals("S")) span[0] = Long.parseLong(p[2]);
            else span[1] = Math.min(span[1], Long.parseLong(p[2]));
        }
        Map<String, List<long[]>> byInstance = new TreeMap<>();
        List<String> ids = new ArrayList<>(attempts.keySet());
        for (String id : ids) {
            long[] span = attempts.get(id);
            if (span[0] < 0) fail("task " + id + " ended without starting; " + context);
            byInstance.computeIfAbsent(id.substring(0, id.lastIndexOf('.')), k -> new ArrayList<>()).add(new long[] {span[0], span[1]});
        }
        for (Map.Entry<String, List<long[]>> e : byInstance.entrySet()) {
            List<long[]> spans = e.getValue();
            spans.sort((a, b) -> Long.compare(a[0], b[0]));
            for (int i = 1; i < spans.size(); i++) {
                if (spans.get(i)[0] < spans.get(i - 1)[1]) {
                    fail("instance " + e.getKey() + " ran twice at once: attempts " + spans.get(i - 1)[0] + ".." + spans.get(i - 1)[1]
                            + " and " + spans.get(i)[0] + ".." + spans.get(i)[1] + "; " + context);
                }
            }
        }
    }
}
