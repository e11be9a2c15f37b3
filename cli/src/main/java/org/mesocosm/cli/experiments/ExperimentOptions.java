package org.mesocosm.cli.experiments;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.cli.DecisionTimeOption;
import org.mesocosm.cli.MeasurementWindowOptions;
import org.mesocosm.cli.RunsAtOnceOption;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.cli.SimulationRunner;
import org.mesocosm.sim.decision.DecisionTime;
import org.mesocosm.runtime.policy.Durations;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every experiment command shares (a picocli mixin). */
public final class ExperimentOptions {

    /** Seeds per point when --seeds is not given: compare and sweep; plan asks for more (see PlanCommand). */
    static final int DEFAULT_SEEDS = 5;

    @Option(names = "--seeds", paramLabel = "N", description = "Seeds per point: 1..N (paired across policies). Default: "
            + DEFAULT_SEEDS + " (plan: " + PlanCommand.DEFAULT_SEEDS + ").")
    Integer givenSeeds;

    /** The seeds per point, set by {@link #check}. */
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "Seeds run from this value. Default: ${DEFAULT-VALUE}.")
    long firstSeed;

    @Option(names = "--max-time", defaultValue = "30d", description = "Stop each run at this simulated time (e.g. 12h, 7d). Default: ${DEFAULT-VALUE}.")
    String maxTime;

    @Mixin
    MeasurementWindowOptions windowOptions;

    @Mixin
    RunsAtOnceOption runsAtOnce;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Mixin
    DecisionTimeOption decisionTimeOption;

    /** The parsed --decision-time (checked by {@link #check}). */
    DecisionTime decisionTime() {
        return decisionTimeOption.decisionTime();
    }

    void check(int minSeeds) {
        check(minSeeds, DEFAULT_SEEDS);
    }

    void check(int minSeeds, int defaultSeeds) {
        seeds = givenSeeds == null ? defaultSeeds : givenSeeds;
        if (seeds < minSeeds) throw new Mesocosm.UserError("--seeds must be at least " + minSeeds + ", got " + seeds);
        if (seeds > 10_000) throw new Mesocosm.UserError("--seeds must be at most 10000, got " + seeds);
        if (firstSeed < 0) throw new Mesocosm.UserError("--first-seed must be >= 0, got " + firstSeed);
        runsAtOnce.orDefault(1); // checks --threads
        maxMicros();
        decisionTime();
    }

    /** The measurement window of --warmup and --measure (a user error names the option). */
    public org.mesocosm.runtime.metrics.MeasurementWindow window() {
        return windowOptions.window();
    }

    /** What the metrics describe, for report pages: "metrics over the whole run" or over the window. */
    public String windowText() {
        var w = window();
        if (w.isWholeRun()) return "metrics over the whole run";
        String to = w.toMicros() == Long.MAX_VALUE ? "the end of the run" : windowOptions.measure + " later";
        return "metrics over the window from " + windowOptions.warmup + " to " + to + " (--warmup, --measure)";
    }

    /** Parses --warmup and --measure; shared with simulate. */
    public static org.mesocosm.runtime.metrics.MeasurementWindow windowOf(String warmup, String measure) {
        long w = parse("--warmup", warmup == null ? "0" : warmup);
        if (w < 0) throw new Mesocosm.UserError("--warmup must be >= 0, got " + warmup);
        long m = -1;
        if (measure != null) {
            m = parse("--measure", measure);
            if (m <= 0) throw new Mesocosm.UserError("--measure must be positive, got " + measure);
        }
        return org.mesocosm.runtime.metrics.MeasurementWindow.of(w, m);
    }

    private static long parse(String option, String value) {
        try {
            return Durations.parseMicros(value);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError(option + ": " + e.getMessage());
        }
    }

    /** The run's time limit: --max-time, or the end of the measurement window if that comes first. */
    public static long limit(long maxMicros, org.mesocosm.runtime.metrics.MeasurementWindow w, String maxOption) {
        if (w.fromMicros() >= maxMicros) {
            throw new Mesocosm.UserError("--warmup must end before the run does (" + maxOption + ")");
        }
        return Math.min(maxMicros, w.toMicros());
    }

    long maxMicros() {
        long m;
        try {
            m = Durations.parseMicros(maxTime);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError("--max-time: " + e.getMessage());
        }
        if (m <= 0) throw new Mesocosm.UserError("--max-time must be positive");
        return limit(m, window(), "--max-time " + maxTime);
    }

    long[] seedList() {
        long[] s = new long[seeds];
        for (int i = 0; i < seeds; i++) s[i] = firstSeed + i;
        return s;
    }

    /**
     * Runs every point with every seed, with a progress line labelled {@code label} on stderr.
     * Outcomes come point by point, seeds in order within each: the order the files list them.
     */
    List<ExperimentEngine.Outcome<RunPoint, RunRecord>> runPoints(String label, List<RunPoint> points, PointRunner runner)
            throws InterruptedException {
        long[] seeds = seedList();
        runner.decisionTime(decisionTime());
        for (RunPoint p : points) checkPolicy(p.policy());
        List<ExperimentEngine.Run<RunPoint>> runs = new ArrayList<>();
        for (RunPoint p : points) for (long s : seeds) runs.add(new ExperimentEngine.Run<>(p, s));
        ExperimentEngine engine = new ExperimentEngine(runsAtOnce.orDefault(ExperimentEngine.defaultThreads()));
        RunProgress progress = new RunProgress(System.err, label, RunProgress.pointsBySeeds(points.size(), seeds.length), quiet);
        progress.start(Math.min(engine.threads(), runs.size()));
        return engine.runAll(runs, runner, progress);
    }

    /** A policy that cannot run under this decision time (mono's paths need a model) fails before any run starts. */
    private void checkPolicy(String policy) {
        try {
            SimulationRunner.timed(policy, decisionTime());
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
    }
}
