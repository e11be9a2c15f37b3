package org.mesocosm.cli.omegapaper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.cli.experiments.Csv;
import org.mesocosm.cli.experiments.ExperimentEngine;
import org.mesocosm.cli.experiments.RunProgress;
import org.mesocosm.reports.omega.Findings;
import org.mesocosm.reports.omega.Grid;
import org.mesocosm.reports.omega.OmegaReport;
import org.mesocosm.reports.omega.SchedulerRow;
import org.mesocosm.runtime.policy.Durations;
import org.mesocosm.runtime.policy.PolicyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mesocosm experiment omega}: the lightweight-simulator experiments of the Omega paper (Schwarzkopf et al., EuroSys 2013, §4). */
@Command(name = "omega", mixinStandardHelpOptions = true,
        header = "Reproduce the Omega paper's scheduler-architecture findings (decision time vs wait, busyness, conflicts).",
        description = "Runs the google-like workload, split into service jobs (kind SERVICE) and batch jobs (every other kind), on a "
                + "Google-like cell under each architecture: mono-single (one scheduler, every job costs t_job), mono-multi (one queue, "
                + "batch jobs on a 100 ms path), mesos (DRF offers to a marathon and a jobs framework) and omega (service and batch "
                + "schedulers, optimistic shared state). Batch t_job is 100 ms, t_task 5 ms; the service scheduler's t_job is swept. "
                + "Writes omega.csv (one row per run per scheduler) and report.html (charts against t_job with 95%% bands, findings).")
public final class OmegaCommand implements Callable<Integer> {

    @Option(names = "--cluster", defaultValue = "google-cell", paramLabel = "CELL",
            description = "google-cell (1,000 machines in the Google 2011 cell's mix), google-cell:N, or N default nodes. Default: ${DEFAULT-VALUE}.")
    String cluster;

    @Option(names = "--tjob", defaultValue = "0.1s,1s,10s,100s", paramLabel = "LIST",
            description = "Service scheduler t_job values, comma-separated. Default: ${DEFAULT-VALUE}.")
    String tjob;

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "N", description = "Seeds per point: 1..N. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--days", defaultValue = "1", paramLabel = "D", description = "Simulated days (arrivals and run). Default: ${DEFAULT-VALUE}.")
    double days;

    @Option(names = "--architectures", defaultValue = "mono-single,mono-multi,mesos,omega", paramLabel = "LIST",
            description = "Architectures, comma-separated (mono-single, mono-multi, mesos, omega). Default: ${DEFAULT-VALUE}.")
    String architectures;

    @Option(names = "--threads", paramLabel = "N", description = "Runs at once (each run is single-threaded). Default: the machine's cores.")
    Integer threads;

    @Option(names = "--keep-runs", description = "Keep every run's directory (summary.json, tasks.csv) under OUT/runs.")
    boolean keepRuns;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory (created).")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seeds < 1 || seeds > 1000) throw new Mesocosm.UserError("--seeds must be in 1..1000, got " + seeds);
        if (!(days > 0 && days <= 366)) throw new Mesocosm.UserError("--days must be in (0, 366], got " + days);
        if (threads != null && threads < 1) throw new Mesocosm.UserError("--threads must be at least 1, got " + threads);
        Cell cell;
        try {
            cell = Cell.parse(cluster);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
        long[] tJobs = tJobs(tjob);
        List<Architecture> archs = architectures(architectures);
        PolicyRegistry registry = PolicyRegistry.load();
        List<Architecture> runnable = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Architecture a : archs) {
            if (a.available(registry)) {
                runnable.add(a);
            } else {
                missing.add(a.label());
                System.err.println("experiment omega: " + a.label() + " is not available in this build (no policy '" + a.policyName()
                        + "' registered): its rows are left out and the report says so");
            }
        }
        Files.createDirectories(out);
        OmegaRun work = new OmegaRun(cell, days, keepRuns ? out.resolve("runs") : null);
        List<ExperimentEngine.Run<OmegaPoint>> runs = new ArrayList<>();
        for (Architecture a : runnable) {
            for (long t : tJobs) {
                try {
                    registry.create(a.policySpec(t)); // a spec this build cannot read fails here, before any run
                } catch (IllegalArgumentException e) {
                    throw new Mesocosm.UserError(a.label() + ": policy '" + a.policySpec(t) + "': " + e.getMessage());
                }
                for (long s = 1; s <= seeds; s++) runs.add(new ExperimentEngine.Run<>(new OmegaPoint(a, t), s));
            }
        }
        ExperimentEngine engine = new ExperimentEngine(threads != null ? threads : ExperimentEngine.defaultThreads());
        RunProgress progress = new RunProgress(System.err, "[omega]", RunProgress.pointsBySeeds(runs.size() / seeds, seeds), quiet);
        progress.start(engine.threads());
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        List<ExperimentEngine.Outcome<OmegaPoint, OmegaRun.Result>> outcomes = engine.runAll(runs, work, progress);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = cpu0 < 0 ? Double.NaN : (processCpuNanos() - cpu0) / 1e9;
        List<SchedulerRow> rows = new ArrayList<>();
        for (var o : outcomes) if (o.ok()) rows.addAll(o.value().rows());
        OmegaCsv.write(out.resolve("omega.csv"), rows);
        List<String> failures = RunProgress.failures(outcomes);
        if (!failures.isEmpty()) Files.write(out.resolve("failures.txt"), failures);

        List<String> labels = archs.stream().map(Architecture::label).toList();
        Grid grid = Grid.of(rows, labels);
        List<String> setup = setup(cell, work, tJobs, runnable, missing, runs.size(), wall, cpu, engine.threads(), failures.size());
        OmegaReport.write(out, "Omega paper §4: scheduler architectures vs decision time", setup, grid);
        System.out.println(setup.get(0));
        System.out.print(table(grid));
        for (Findings.Finding f : Findings.of(grid)) System.out.println("- " + f.verdict() + ": " + f.expectation());
        System.err.println("wrote " + out.resolve("omega.csv") + " and " + out.resolve("report.html"));
        return failures.isEmpty() ? 0 : 1;
    }

    private List<String> setup(Cell cell, OmegaRun work, long[] tJobs, List<Architecture> runnable, List<String> missing, int runs,
                               double wall, double cpu, int threads, int failed) {
        List<String> p = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        for (long x : tJobs) t.append(t.length() == 0 ? "" : ", ").append(Csv.number(x / 1e6)).append(" s");
        p.add(String.format(Locale.ROOT, "%d runs (%d architectures x %d service t_job values x %d seeds) of %s simulated day(s) on %s; "
                + "%.1f s wall on %d threads, %s s CPU time of the process (JIT and GC included; the wall time depends on what else "
                + "the machine runs, the CPU time much less)%s.", runs, runnable.size(), tJobs.length, seeds, Csv.number(days), cell.describe(), wall,
                threads, Double.isNaN(cpu) ? "n/a" : String.format(Locale.ROOT, "%.1f", cpu),
                failed == 0 ? "" : ", " + failed + " failed (failures.txt)"));
        p.add("Workload: google-like (calibrated to the Google 2011 trace), seed 1: " + WorkloadSplit.of(work.settings(), 1, work.horizonMicros()).describe()
                + ". Service jobs are the long-running services the cell holds from its first ten minutes (30% of its CPU); every job "
                + "arriving later is a batch job, production-priority ones included. The Omega paper's clusters had a similar split "
                + "(most jobs batch, while service jobs hold most of the resources) but received service jobs all day: here the service "
                + "t_job only matters while the standing services are placed, so a service scheduler has far less work than in the paper.");
        p.add("Service t_job swept over " + t + "; batch t_job " + Csv.number(Architecture.BATCH_T_JOB_MICROS / 1e6) + " s and t_task "
                + Csv.number(Architecture.T_TASK_MICROS / 1e3) + " ms (the paper's values). Policies: "
                + String.join("; ", runnable.stream().map(a -> a.label() + " = " + a.policySpec("<t_job>")
                        + " with --decision-time " + a.decisionTimeSpec("<t_job>")).toList())
                + (missing.isEmpty() ? "." : ". Not available in this build: " + String.join(", ", missing) + "."));
        p.add("Waits count the jobs that got a task placed (first) or were fully placed (full) before the end of the run, taken from "
                + "the run's waits by job kind (every job, whichever lanes it waited on: under mesos a job's wait is split between the "
                + "allocator's lane and its framework's, and summary.json's per-lane entries hold the parts): jobs still "
                + "waiting at the end are not in the mean, they are in 'batch not placed or abandoned'. Abandoned: after "
                + "max-attempts (1,000) attempts, as in the paper's simulator. Conflict fraction here is failed / all transactions "
                + "(the issue's definition); the paper plots conflicts per successful transaction, which is f / (1 - f).");
        return p;
    }

    private static String table(Grid g) {
        StringBuilder sb = new StringBuilder();
        List<List<String>> rows = OmegaReport.headline(g);
        sb.append(String.format(Locale.ROOT, "%-12s %9s  %-36s %-36s%n", "architecture", "t_job (s)", "batch wait to first task (s)",
                "batch not placed or abandoned"));
        for (List<String> r : rows) sb.append(String.format(Locale.ROOT, "%-12s %9s  %-36s %-36s%n", r.get(0), r.get(1), r.get(2), r.get(3)));
        return sb.toString();
    }

    /** CPU time of this JVM so far, or -1 where the platform does not say (the speed note only). */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    static long[] tJobs(String spec) {
        List<Long> out = new ArrayList<>();
        for (String s : spec.split(",")) {
            String v = s.trim();
            if (v.isEmpty()) continue;
            long us;
            try {
                us = Durations.parseMicros(v);
            } catch (IllegalArgumentException e) {
                throw new Mesocosm.UserError("--tjob: " + e.getMessage());
            }
            if (us < 1000) throw new Mesocosm.UserError("--tjob: '" + v + "' is below 1 ms");
            if (out.contains(us)) throw new Mesocosm.UserError("--tjob: '" + v + "' given twice");
            out.add(us);
        }
        if (out.isEmpty()) throw new Mesocosm.UserError("--tjob: no value given");
        return out.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    static List<Architecture> architectures(String spec) {
        List<Architecture> out = new ArrayList<>();
        for (String s : spec.split(",")) {
            String v = s.trim();
            if (v.isEmpty()) continue;
            Architecture a;
            try {
                a = Architecture.byLabel(v);
            } catch (IllegalArgumentException e) {
                throw new Mesocosm.UserError("--architectures: " + e.getMessage());
            }
            if (out.contains(a)) throw new Mesocosm.UserError("--architectures: '" + v + "' given twice");
            out.add(a);
        }
        if (out.isEmpty()) throw new Mesocosm.UserError("--architectures: none given");
        return out;
    }
}
