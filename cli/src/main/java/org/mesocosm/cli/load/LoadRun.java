package org.mesocosm.cli.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.mesocosm.runtime.model.Resources;

/**
 * One bounded load run on loopback: a master in this JVM behind its real HTTP API, {@code agents}
 * {@link LoadAgent}s and {@code clients} submitting {@code jobs} jobs; then it waits for every
 * task to end and checks, from the clients' side and against the master's metrics, that nothing
 * was lost, launched twice or over-committed.
 */
final class LoadRun {
    /** Agents per HTTP client (each client has one selector thread). */
    private static final int AGENTS_PER_CLIENT = 25;
    private static final int STATUS_SENDERS = 8;

    /**
     * @param rate submissions per second across all clients; 0 for as fast as the master answers
     * @param inputLog whether the master keeps its input log (in a temporary state directory), as a production master does
     * @param timeoutSeconds longest the run may take before it is reported as a failure
     * @param ha three replicated masters ({@link InProcessHaGroup}) instead of one; needs the input log
     */
    public record Options(int agents, int jobs, int clients, long seed, String policy, Resources agentSize, int maxInstances,
                          int minRunMs, int maxRunMs, double rate, boolean inputLog, long timeoutSeconds, boolean ha) {
        public Options {
            if (ha && !inputLog) throw new IllegalArgumentException("replicated masters keep their inputs in the replicated log: the input log cannot be off");
            if (agents < 1 || jobs < 1 || clients < 1) throw new IllegalArgumentException("agents, jobs and clients must be at least 1");
            if (rate < 0) throw new IllegalArgumentException("rate must not be negative");
            if (timeoutSeconds < 1) throw new IllegalArgumentException("timeout must be at least 1 s");
        }

        /** 200 agents of 8 cpus and 16 GiB; 1-3 tasks per job running 50-500 ms; the master's default policy; input log on. */
        public static Options defaults(int agents, int jobs, int clients) {
            return new Options(agents, jobs, clients, 1, "drf:interval=100ms", Resources.of(8000, 16384), 3, 50, 500, 0, true, 600, false);
        }

        public Options withPolicy(String p) {
            return new Options(agents, jobs, clients, seed, p, agentSize, maxInstances, minRunMs, maxRunMs, rate, inputLog, timeoutSeconds, ha);
        }

        public Options withSeed(long s) {
            return new Options(agents, jobs, clients, s, policy, agentSize, maxInstances, minRunMs, maxRunMs, rate, inputLog, timeoutSeconds, ha);
        }

        public Options withRate(double r) {
            return new Options(agents, jobs, clients, seed, policy, agentSize, maxInstances, minRunMs, maxRunMs, r, inputLog, timeoutSeconds, ha);
        }

        public Options withInputLog(boolean on) {
            return new Options(agents, jobs, clients, seed, policy, agentSize, maxInstances, minRunMs, maxRunMs, rate, on, timeoutSeconds, ha);
        }

        public Options withRunMillis(int min, int max) {
            return new Options(agents, jobs, clients, seed, policy, agentSize, maxInstances, min, max, rate, inputLog, timeoutSeconds, ha);
        }

        public Options withHa(boolean on) {
            return new Options(agents, jobs, clients, seed, policy, agentSize, maxInstances, minRunMs, maxRunMs, rate, on || inputLog, timeoutSeconds, on);
        }

        public Options withTimeout(long seconds) {
            return new Options(agents, jobs, clients, seed, policy, agentSize, maxInstances, minRunMs, maxRunMs, rate, inputLog, seconds, ha);
        }
    }

    private final Options o;
    private final LoadProgress progress;
    private final Ledger ledger = new Ledger();
    private final Latencies statusLatency = new Latencies();
    private final List<LoadAgent> agents = new ArrayList<>();

    private LoadRun(Options o, LoadProgress progress) {
        this.o = o;
        this.progress = progress;
    }

    static LoadReport run(Options o, LoadProgress progress) throws IOException, InterruptedException {
        return new LoadRun(o, progress).run();
    }

    private LoadReport run() throws IOException, InterruptedException {
        long heapBaseline = heapAfterGc();
        Path stateDir = o.inputLog() ? Files.createTempDirectory("mesocosm-load-") : null;
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(1, daemons("load-agent-clock"));
        ExecutorService senders = Executors.newFixedThreadPool(STATUS_SENDERS, daemons("load-agent-status"));
        Submitters submitters = null;
        try (LoadMaster master = o.ha() ? new InProcessHaGroup(o.policy(), stateDir) : new InProcessMaster(o.policy(), stateDir)) {
            Transport transport = new Transport(master.url(), master.clientTls()).withHeader("Authorization", "Bearer " + master.token());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.timeoutSeconds());
            startAgents(transport, clock, senders, deadline);

            CpuUsage cpuStart = CpuUsage.now();
            LoadJobs jobs = new LoadJobs(o.seed(), o.maxInstances(), o.minRunMs(), o.maxRunMs());
            submitters = new Submitters(transport, jobs, o.jobs(), ledger, o.clients(), o.rate()).start();
            HttpClient watch = transport.newClient();
            while (submitters.done() < o.jobs() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                progress.update(line("submitting", submitters.done(), submitters.secondsSoFar()));
            }
            submitters.stop();
            double submitSeconds = submitters.await();
            progress.say(String.format(Locale.ROOT, "loadtest: %,d submissions answered in %.2f s; waiting for the tasks to end",
                    submitters.done(), submitSeconds));
            long heapPeak = heapAfterGc();

            List<String> problems = new ArrayList<>();
            MasterMetrics m = awaitEnd(transport, watch, submitters, deadline, problems);
            double totalSeconds = submitters.secondsSoFar();
            progress.done();
            problems.addAll(check(m, submitters));
            problems.addAll(ledger.problems());
            if (master.lag() != null) problems.addAll(master.lag().problems());
            LoadAgent.Traffic traffic = agents.stream().map(LoadAgent::traffic).reduce(new LoadAgent.Traffic(0, 0, 0, 0, 0, 0), LoadAgent.Traffic::plus);
            CpuUsage.Split cpu = CpuUsage.available() ? CpuUsage.now().since(cpuStart) : null;
            agents.forEach(LoadAgent::stop); // before the master goes, so that they do not retry against a closed port
            long heapEnd = heapAfterGc();
            Latencies sub = submitters.latency();
            return new LoadReport(o, ledger.acknowledgedJobs(), submitters.failures(), submitSeconds, sub.millisAt(0.5), sub.millisAt(0.99),
                    sub.maxMillis(), statusLatency.millisAt(0.5), statusLatency.millisAt(0.99), statusLatency.count(), ledger.launches(),
                    ledger.ends(), totalSeconds, traffic, cpu, heapBaseline, heapPeak, heapEnd, problems, master.lag());
        } finally {
            if (submitters != null) submitters.stop();
            agents.forEach(LoadAgent::stop);
            clock.shutdownNow();
            senders.shutdownNow();
            if (stateDir != null) deleteTree(stateDir);
        }
    }

    private void startAgents(Transport transport, ScheduledExecutorService clock, ExecutorService senders, long deadline)
            throws InterruptedException {
        HttpClient http = null;
        for (int i = 0; i < o.agents(); i++) {
            if (i % AGENTS_PER_CLIENT == 0) http = transport.newClient();
            agents.add(new LoadAgent(String.format(Locale.ROOT, "load-%04d", i + 1), o.agentSize(), transport, http, ledger, clock, senders,
                    statusLatency).start());
        }
        long t0 = System.nanoTime();
        while (agents.stream().filter(LoadAgent::isRegistered).count() < o.agents()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("agents did not register in time");
            Thread.sleep(50);
        }
        progress.say(String.format(Locale.ROOT, "loadtest: %d agents registered in %.2f s; submitting %,d jobs with %d clients",
                o.agents(), (System.nanoTime() - t0) / 1e9, o.jobs(), o.clients()));
    }

    /** Waits until the agents have ended every acknowledged task and the master has no task left that has not ended. */
    private MasterMetrics awaitEnd(Transport transport, HttpClient http, Submitters submitters, long deadline, List<String> problems)
            throws IOException, InterruptedException {
        long expected = ledger.acknowledgedTasks();
        while (true) {
            MasterMetrics m = metrics(transport, http);
            if (ledger.ends() >= expected && m.tasksActive() == 0 && m.tasks("FINISHED") >= expected) return m;
            if (System.nanoTime() > deadline) {
                problems.add(String.format(Locale.ROOT, "timed out after %d s: agents ended %,d of %,d tasks; the master has %,d not ended",
                        o.timeoutSeconds(), ledger.ends(), expected, m.tasksActive()));
                return m;
            }
            progress.update(line("running", submitters.done(), submitters.secondsSoFar()));
            Thread.sleep(100);
        }
    }

    /** The master's own counts against what the clients saw. */
    private List<String> check(MasterMetrics m, Submitters submitters) {
        List<String> out = new ArrayList<>();
        long acked = ledger.acknowledgedJobs(), tasks = ledger.acknowledgedTasks();
        if (submitters.failed() > 0) out.add(submitters.failed() + " submissions failed: " + submitters.failures());
        if (m.get("mesocosm_jobs_submitted_total") != acked) {
            out.add("the master counts " + m.get("mesocosm_jobs_submitted_total") + " jobs submitted; clients got " + acked + " acknowledged");
        }
        if (m.tasks("FINISHED") != tasks) out.add("the master counts " + m.tasks("FINISHED") + " tasks finished; " + tasks + " expected");
        for (String s : List.of("FAILED", "KILLED", "LOST", "DISCONTINUED")) {
            if (m.tasks(s) > 0) out.add("the master counts " + m.tasks(s) + " tasks " + s);
        }
        if (m.get("mesocosm_agents{state=\"lost\"}") > 0) out.add(m.get("mesocosm_agents{state=\"lost\"}") + " agents lost");
        if (m.get("mesocosm_master_errors_total") > 0) out.add(m.get("mesocosm_master_errors_total") + " master errors (see its log)");
        long again = agents.stream().mapToLong(a -> a.registrations() - 1).sum();
        if (again > 0) out.add(again + " agent re-registrations (the master lost track of agents)");
        long kills = agents.stream().mapToLong(LoadAgent::killsReceived).sum();
        if (kills > 0) out.add(kills + " kills sent to agents (none were asked for)");
        return out;
    }

    private String line(String phase, long submitted, double seconds) {
        int running = agents.stream().mapToInt(LoadAgent::runningTasks).sum();
        return String.format(Locale.ROOT, "loadtest %s | submitted %,d/%,d (%,.0f/s) | tasks launched %,d, running %,d, ended %,d | %.1fs",
                phase, submitted, o.jobs(), submitted / Math.max(seconds, 1e-9), ledger.launches(), running, ledger.ends(), seconds);
    }

    private static MasterMetrics metrics(Transport transport, HttpClient http) throws IOException, InterruptedException {
        Transport.Reply r = transport.get(http, "metrics");
        if (!r.ok()) throw new IOException("GET /metrics answered " + r.status());
        return new MasterMetrics(r.text());
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind: harmless
        }
    }
}
