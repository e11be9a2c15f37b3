package org.mesocosm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.metrics.MeasurementWindow;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.RunOutput;
import org.mesocosm.runtime.metrics.TaskCsvWriter;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.WorkloadSource;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.SimConfig;
import org.mesocosm.sim.Simulation;

/** Runs one simulation and writes its run directory: the shared core of simulate, compare and sweeps. */
public final class SimulationRunner {

    /** Everything that defines one run. */
    public record RunSpec(String policy, String workloadName, WorkloadSource workload, List<NodeGroup> nodes, SimConfig config,
                   long expectedTasks, Path out, MeasurementWindow window) {
        /** A run measured as a whole. */
        public RunSpec(String policy, String workloadName, WorkloadSource workload, List<NodeGroup> nodes, SimConfig config,
                       long expectedTasks, Path out) {
            this(policy, workloadName, workload, nodes, config, expectedTasks, out, MeasurementWindow.WHOLE_RUN);
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
        PlacementPolicy policy = PolicyRegistry.load().create(spec.policy());
        Files.createDirectories(spec.out());
        MetricsRecorder metrics;
        Simulation.Result r;
        long t0 = System.nanoTime();
        try (TaskCsvWriter tasks = new TaskCsvWriter(spec.out().resolve("tasks.csv"))) {
            metrics = new MetricsRecorder(tasks, spec.window());
            r = new Simulation(spec.config(), spec.workload(), policy, metrics, extras.observers()).onProgress(progress)
                    .drainPending(extras.drainPending()).run();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        int nodes = spec.config().nodeCount();
        RunOutput.RunInfo info = new RunOutput.RunInfo(spec.policy(), spec.workloadName(), spec.config().seed(), nodes, r.endMicros(),
                r.events(), r.digest(), wall, r.endReason().name().toLowerCase(), "zero");
        Map<String, Object> summary = RunOutput.summary(info, metrics);
        summary.putAll(extras.summary().apply(summary));
        RunOutput.writeSummary(spec.out().resolve("summary.json"), summary);
        RunOutput.writeTimeline(spec.out().resolve("timeline.csv"), metrics);
        return new Outcome(summary, r, spec.out());
    }
}
