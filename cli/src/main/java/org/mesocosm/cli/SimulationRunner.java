package org.mesocosm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.metrics.MeasurementWindow;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.RunOutput;
import org.mesocosm.runtime.metrics.TaskCsvWriter;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.WorkloadSource;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.SimConfig;
import org.mesocosm.sim.Simulation;
import org.mesocosm.sim.decision.DecisionTime;
import org.mesocosm.sim.decision.TimedScheduler;

/** Runs one simulation and writes its run directory: the shared core of simulate, compare and sweeps. */
public final class SimulationRunner {

    /** Everything that defines one run. */
    public record RunSpec(String policy, String workloadName, WorkloadSource workload, List<NodeGroup> nodes, SimConfig config,
                   long expectedTasks, Path out, MeasurementWindow window, DecisionTime decisionTime) {
        /** A run measured as a whole, whose decisions take no simulated time (every run before issues 16 and 17). */
        public RunSpec(String policy, String workloadName, WorkloadSource workload, List<NodeGroup> nodes, SimConfig config,
                       long expectedTasks, Path out) {
            this(policy, workloadName, workload, nodes, config, expectedTasks, out, MeasurementWindow.WHOLE_RUN, DecisionTime.ZERO);
        }

        /** A run measured in {@code window}, whose decisions take no simulated time. */
        public RunSpec(String policy, String workloadName, WorkloadSource workload, List<NodeGroup> nodes, SimConfig config,
                       long expectedTasks, Path out, MeasurementWindow window) {
            this(policy, workloadName, workload, nodes, config, expectedTasks, out, window, DecisionTime.ZERO);
        }

        /** A run measured as a whole, whose decisions take {@code decisionTime}. */
        public RunSpec(String policy, String workloadName, WorkloadSource workload, List<NodeGroup> nodes, SimConfig config,
                       long expectedTasks, Path out, DecisionTime decisionTime) {
            this(policy, workloadName, workload, nodes, config, expectedTasks, out, MeasurementWindow.WHOLE_RUN, decisionTime);
        }
    }

    public record Outcome(Map<String, Object> summary, Simulation.Result result, Path out) {}

    private SimulationRunner() {}

    /**
     * What a caller adds to a run (replay: its fidelity observer and the trace's read counts):
     * observers of the master, and summary keys computed after the run from the standard summary
     * (they may replace standard ones, e.g. {@code nodes} when the machines came from a trace).
     */
    public record Extras(List<MasterObserver> observers, Function<Map<String, Object>, Map<String, Object>> summary, boolean drainPending) {
        public static final Extras NONE = new Extras(List.of(), s -> Map.of());

        public Extras(List<MasterObserver> observers, Function<Map<String, Object>, Map<String, Object>> summary) {
            this(observers, summary, false);
        }
    }

    public static Outcome run(RunSpec spec, Simulation.Progress progress) throws IOException {
        return run(spec, progress, Extras.NONE);
    }

    public static Outcome run(RunSpec spec, Simulation.Progress progress, Extras extras) throws IOException {
        TimedScheduler policy = timed(spec.policy(), spec.decisionTime(), spec.config().seed());
        Files.createDirectories(spec.out());
        MetricsRecorder metrics;
        Simulation.Result r;
        long t0 = System.nanoTime();
        try (TaskCsvWriter tasks = new TaskCsvWriter(spec.out().resolve("tasks.csv"))) {
            metrics = new MetricsRecorder(tasks, spec.window());
            r = new Simulation(spec.config(), spec.workload(), policy, metrics, extras.observers(), policy).onProgress(progress)
                    .drainPending(extras.drainPending()).run();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        int nodes = spec.config().nodeCount();
        RunOutput.RunInfo info = new RunOutput.RunInfo(spec.policy(), spec.workloadName(), spec.config().seed(), nodes, r.endMicros(),
                r.events(), r.digest(), wall, r.endReason().name().toLowerCase(), spec.decisionTime().modeName());
        Map<String, Object> summary = RunOutput.summary(info, metrics);
        putDecisionTime(summary, spec.decisionTime(), policy, r.endMicros());
        summary.putAll(extras.summary().apply(summary));
        RunOutput.writeSummary(spec.out().resolve("summary.json"), summary);
        RunOutput.writeTimeline(spec.out().resolve("timeline.csv"), metrics);
        return new Outcome(summary, r, spec.out());
    }

    /**
     * The policy of a run behind its busy clock (issue 17). Throws IllegalArgumentException when
     * the policy and the decision time do not go together (mono's paths need a model). Without a
     * run seed: for checking a spec before any run.
     */
    public static TimedScheduler timed(String policy, DecisionTime decisionTime) {
        return timed(policy, decisionTime, 0);
    }

    /** The policy of a run with seed {@code runSeed} behind its busy clock: a randomized policy (omega) draws from that seed's streams. */
    public static TimedScheduler timed(String policy, DecisionTime decisionTime, long runSeed) {
        PlacementPolicy p = PolicyRegistry.load().create(policy, runSeed);
        return new TimedScheduler(p, decisionTime);
    }

    /**
     * Decision-time keys of summary.json: the setting, whether the digest is reproducible, and per
     * scheduler its busyness and job waits ({@code schedulers}: the policy's own entry, or one per
     * lane for a policy with several schedulers; the top-level keys are then the run's: waits of
     * every job, busyness the lanes' mean). Also {@code policy_metrics}: what the policy counts
     * about itself ({@code PlacementPolicy.metrics()}) at the end of the run.
     */
    static void putDecisionTime(Map<String, Object> summary, DecisionTime dt, TimedScheduler scheduler, long endMicros) {
        summary.put("decision_time_spec", dt.spec());
        summary.put("decision_time_reproducible", dt.reproducible());
        if (!dt.reproducible()) {
            summary.put("decision_time_note", "decision time measured as this machine's thread CPU time of the policy's code (x "
                    + dt.scale() + "): event_log_sha256 is not reproducible, not even on this machine");
        }
        summary.putAll(scheduler.summary(endMicros)); // the run's figures (one scheduler: its own)
        summary.put("schedulers", scheduler.schedulers(endMicros));
        Map<String, Object> policyMetrics = new LinkedHashMap<>();
        for (PolicyMetric m : scheduler.metrics()) policyMetrics.put(m.name(), m.value());
        summary.put("policy_metrics", policyMetrics);
    }
}
