package org.mesocosm.cli.live;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.mesocosm.runtime.live.ApiServer;
import org.mesocosm.runtime.live.Durability;
import org.mesocosm.runtime.live.LiveDriver;
import org.mesocosm.runtime.log.DurableInputLog;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.LogRecords;
import org.mesocosm.runtime.log.StateLog;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.runtime.spec.JobSpecReader;

/**
 * What durability costs, not a unit test (its numbers depend on the disk):
 * <ol>
 * <li>job submissions per second acknowledged over HTTP with the log forced per record vs group
 *     commit (and without fsync, for scale), for several concurrent clients;</li>
 * <li>recovery time of a master against the length of its log, with and without snapshots.</li>
 * </ol>
 * Run: {@code mvn -B -o -q -pl cli -am test-compile} then
 * {@code java -cp "$(cat cli/target/test-cp.txt)" org.mesocosm.cli.live.DurabilityBench [seconds] [dir]}
 * where the class path is that of the cli tests; {@code dir} should be on the disk under test.
 */
public final class DurabilityBench {
    private static final String POLICY = "drf:interval=100ms";

    private DurabilityBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")), "durability-");
        if (seconds > 0) {
            for (int clients : new int[] {1, 16, 64}) {
                for (String mode : new String[] {"record", "group", "nofsync"}) submissions(root, mode, clients, seconds);
            }
        }
        for (int n : new int[] {10_000, 50_000, 100_000, 200_000}) {
            recovery(root, n, 0);
            recovery(root, n, 10_000);
        }
        System.exit(0);
    }

    private static void submissions(Path root, String mode, int clients, int seconds) throws Exception {
        Durability d = switch (mode) {
            case "record" -> Durability.DEFAULT.perRecord();
            case "group" -> Durability.DEFAULT;
            default -> new Durability(Durability.DEFAULT.maxBatch(), Durability.DEFAULT.snapshotEvery(), false);
        };
        Path dir = Files.createTempDirectory(root, "sub-");
        LiveDriver.Settings s = LiveDriver.Settings.defaults(POLICY).withStateDir(dir);
        try (LiveDriver driver = new LiveDriver(s, PolicyRegistry.load().create(POLICY), () -> System.currentTimeMillis() * 1000L, null, d).start();
             ApiServer server = new ApiServer(driver, new InetSocketAddress("127.0.0.1", 0), ApiServer.DEFAULT_MAX_BODY_BYTES).start()) {
            URI url = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/jobs");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong acked = new AtomicLong();
            AtomicLong counting = new AtomicLong(-1);
            List<Thread> threads = new ArrayList<>();
            String spec = "{\"kind\": \"batch\", \"tasks\": [{\"name\": \"t\", \"cpus\": 1, \"mem\": 16, \"command\": \"true\"}]}";
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    HttpRequest req = HttpRequest.newBuilder(url).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(spec)).build();
                    while (!stop.get()) {
                        try {
                            if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 201 && counting.get() >= 0) acked.incrementAndGet();
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
            Thread.sleep(1000); // warm-up
            long forces0 = driver.log().forces(), records0 = driver.log().durable();
            counting.set(0);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long n = acked.get();
            double wall = (System.nanoTime() - t0) / 1e9;
            long forces = driver.log().forces() - forces0, records = driver.log().durable() - records0;
            stop.set(true);
            for (Thread t : threads) t.join(30_000);
            System.out.printf("submissions: %-7s %3d clients: %7.0f acknowledged/s, %6.1f records per fsync (%d forces)%n", mode, clients,
                    n / wall, forces == 0 ? 0.0 : records / (double) forces, forces);
        }
    }

    /** Writes a log of about {@code n} inputs (agents, submissions, timers, task updates) as a live master would, then times a restart on it. */
    private static void recovery(Path root, int n, long snapshotEvery) throws Exception {
        Path dir = Files.createTempDirectory(root, "rec-");
        Durability d = Durability.DEFAULT.withSnapshotEvery(snapshotEvery);
        MasterConfig config = LiveDriver.Settings.defaults(POLICY).master();
        StateLog.Opened opened = StateLog.open(dir, new InputLog.Header(POLICY, config), new DurableInputLog.Options(false, snapshotEvery));
        long written;
        try (DurableInputLog log = opened.recovered().log()) {
            written = generate(log, n, config);
        }
        long size = 0;
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) size += Files.size(p);
        }
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        DurableInputLog.Recovered read = DurableInputLog.open(dir.resolve(StateLog.LOG_DIR), new DurableInputLog.Options(false, 0));
        read.log().close();
        long readMillis = (System.nanoTime() - t0) / 1_000_000;
        long readCpu = (processCpuNanos() - cpu0) / 1_000_000;
        long cpu1 = processCpuNanos();
        LiveDriver.Settings s = LiveDriver.Settings.defaults(POLICY).withStateDir(dir);
        try (LiveDriver driver = new LiveDriver(s, PolicyRegistry.load().create(POLICY), () -> System.currentTimeMillis() * 1000L, null, d)) {
            long cpu = (processCpuNanos() - cpu1) / 1_000_000;
            System.out.printf("recovery: %7d inputs, snapshot every %-6d (%5.1f MiB on disk): %6d ms wall, %6d ms CPU"
                    + " (reading and decoding alone: %d ms wall, %d ms CPU)%n",
                    written, snapshotEvery, size / 1048576.0, driver.recovered().millis(), cpu, readMillis, readCpu);
        }
    }

    /** CPU time of the whole process (every thread, JIT and GC included): what a loaded machine does not inflate. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A small event simulation of 8 agents and one-task jobs, each running 50 ms, arriving every millisecond. */
    private static long generate(DurableInputLog log, int n, MasterConfig config) throws Exception {
        record Due(long at, long seq, Input in) {}
        PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
        long[] seq = {0};
        long[] now = {System.currentTimeMillis() * 1000L - 86_400_000_000L};
        Master m = new Master(config, PolicyRegistry.load().create(POLICY), (at, c) -> {
            if (c instanceof Command.ScheduleTimer t) {
                queue.add(new Due(t.atMicros(), seq[0]++, new Input.TimerFired(t.timerId())));
            } else if (c instanceof Command.Launch l) {
                queue.add(new Due(at + 2_000, seq[0]++, new Input.TaskStatus(l.taskId(), TaskState.RUNNING, -1, "")));
                queue.add(new Due(at + 50_000, seq[0]++, new Input.TaskStatus(l.taskId(), TaskState.FINISHED, 0, "")));
            }
        }, new MasterObserver() {});
        long count = 0;
        for (int i = 1; i <= 8; i++) {
            Input in = new Input.AgentAdded("agent" + i, Resources.of(8000, 32768), Map.of());
            log.append(now[0], in);
            m.handle(now[0], in);
            count++;
        }
        long nextJob = now[0];
        int job = 0;
        while (count < n) {
            Due next = queue.peek();
            Input in;
            if (next == null || next.at > nextJob) {
                now[0] = Math.max(now[0], nextJob);
                in = new Input.JobSubmitted(JobSpecReader.read("{\"id\": \"job-" + ++job + "\", \"kind\": \"batch\", \"tasks\": [{\"name\": \"t\","
                        + " \"cpus\": 1, \"mem\": 64, \"command\": \"sleep 0.05\"}]}").spec());
                nextJob += 1_000;
            } else {
                queue.poll();
                now[0] = Math.max(now[0], next.at);
                in = next.in;
            }
            log.write(LogRecords.encode(now[0], in), 1);
            if (log.snapshotDue()) log.snapshot();
            m.handle(now[0], in);
            count++;
        }
        log.force();
        return count;
    }
}
