package org.mesocosm.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Live-mode speed, not a unit test (it takes a while and its numbers depend on the machine):
 * <ol>
 * <li>launch rate through the whole path (submit, offer, launch, process start, RUNNING reported)
 *     for 1,000 {@code true} tasks over 4 agents on loopback;</li>
 * <li>master heap at 10,000 tracked tasks (4 agents registered over the API, a job of 10,000
 *     instances that mostly wait for room).</li>
 * </ol>
 * Run: {@code mvn -B -o -q -pl cli -am test-compile} then
 * {@code java -cp "cli/target/test-classes:cli/target/mesocosm.jar" org.mesocosm.cli.live.LiveThroughput [tasks]}.
 */
public final class LiveThroughput {
    private LiveThroughput() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        // Mesos' refuse filter (5 s) on declined leftovers caps the rate at (free slots / 5 s); a short one shows the path's own speed
        launchRate(n, "drf:interval=20ms");
        launchRate(n, "drf:interval=20ms,refuse=20ms");
        memoryAt(10_000);
        System.exit(0);
    }

    private static void launchRate(int n, String policy) throws Exception {
        Path dir = Files.createTempDirectory("mesocosm-throughput-");
        try (LiveCluster c = new LiveCluster(dir, policy, 15_000, 5_000, new PrintStream(PrintStream.nullOutputStream()))) {
            for (int i = 1; i <= 4; i++) c.addAgent("agent" + i, 4, 8192, Map.of());
            LiveCluster.await("4 agents", 10_000, () -> LiveClusterTest.upAgents(c) == 4);
            long t0 = System.nanoTime();
            String id = c.submit("{\"kind\": \"batch\", \"tasks\": [{\"name\": \"t\", \"instances\": " + n
                    + ", \"cpu_m\": 100, \"mem\": 16, \"command\": \"true\"}]}");
            LiveCluster.await("all tasks started", 600_000, () -> started(c, id) >= n);
            double wall = (System.nanoTime() - t0) / 1e9;
            JsonNode job = c.get("/api/v1/jobs/" + id);
            Instant submitted = Instant.parse(job.path("submitted_at").asText());
            Instant last = submitted;
            System.out.println("tasks by state: " + job.path("tasks_by_state"));
            for (JsonNode t : job.path("tasks")) {
                if (!t.has("started_at")) {
                    System.out.println("not started: " + t);
                    continue;
                }
                Instant s = Instant.parse(t.path("started_at").asText());
                if (s.isAfter(last)) last = s;
            }
            double masterSpan = Duration.between(submitted, last).toNanos() / 1e9;
            System.out.printf("policy %s: %d true tasks over 4 agents (4 cpus each, 0.1 cpu per task): all RUNNING after %.2f s wall "
                    + "(%.0f launches/s); master time submit -> last RUNNING %.2f s (%.0f launches/s)%n",
                    policy, n, wall, n / wall, masterSpan, n / masterSpan);
            LiveCluster.await("job finished", 600_000, () -> LiveClusterTest.status(c, id).equals("finished"));
        }
    }

    private static long started(LiveCluster c, String job) {
        JsonNode by = LiveClusterTest.json(c, "/api/v1/jobs/" + job).path("tasks_by_state");
        return by.path("RUNNING").asLong() + by.path("FINISHED").asLong() + by.path("FAILED").asLong();
    }

    private static void memoryAt(int tasks) throws Exception {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(mem);
        Path dir = Files.createTempDirectory("mesocosm-memory-");
        try (LiveCluster c = new LiveCluster(dir, "drf:interval=20ms", 600_000, 5_000, new PrintStream(PrintStream.nullOutputStream()))) {
            for (int i = 1; i <= 4; i++) {
                // agents registered over the API only: nothing runs, so the tasks stay tracked (16 staging, the rest pending)
                c.post("/api/v1/agents/register", "{\"id\": \"fake" + i + "\", \"resources\": {\"cpu_m\": 4000, \"mem\": 8192}}");
            }
            String id = c.submit("{\"kind\": \"batch\", \"tasks\": [{\"name\": \"t\", \"instances\": " + tasks
                    + ", \"cpus\": 1, \"mem\": 16, \"command\": \"true\"}]}");
            Thread.sleep(1000);
            long total = LiveClusterTest.tasks(c.get("/api/v1/jobs/" + id)).size();
            long after = usedAfterGc(mem);
            System.out.printf("master heap at %d tracked tasks: %.1f MiB over an empty master (%.0f bytes per task)%n", total,
                    (after - before) / 1048576.0, (after - before) / (double) total);
        }
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
