package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.mesocosm.cli.SimulationRunner;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.WorkloadSource;
import org.mesocosm.sim.SimConfig;
import org.mesocosm.sim.decision.DecisionTime;
import org.mesocosm.workloads.ClusterShapes;

/**
 * Does one (point, seed) run: a fresh workload, policy and simulation through
 * {@link SimulationRunner}, exactly as {@code mesocosm simulate} would, and keeps its
 * {@link RunRecord}. The run directory is kept under {@code runsDir} when one is given, else
 * written to a temporary directory and deleted.
 */
public final class PointRunner implements ExperimentEngine.Work<RunPoint, RunRecord> {
    private final Path runsDir;
    private final boolean curves;
    private final org.mesocosm.runtime.metrics.MeasurementWindow window;
    private DecisionTime decisionTime = DecisionTime.ZERO;

    /**
     * @param runsDir where run directories are kept, or null to discard them
     * @param curves keep each run's curves (for overlay charts)
     */
    public PointRunner(Path runsDir, boolean curves) {
        this(runsDir, curves, org.mesocosm.runtime.metrics.MeasurementWindow.WHOLE_RUN);
    }

    /** @param window the part of each run its metrics describe (--warmup, --measure) */
    public PointRunner(Path runsDir, boolean curves, org.mesocosm.runtime.metrics.MeasurementWindow window) {
        this.runsDir = runsDir;
        this.curves = curves;
        this.window = window;
    }

    /** Every run this runner does charges decisions this way (--decision-time). */
    public PointRunner decisionTime(DecisionTime dt) {
        this.decisionTime = dt;
        return this;
    }

    @Override
    public RunRecord run(RunPoint p, long seed) throws IOException {
        List<NodeGroup> cluster = ClusterShapes.uniform(p.nodes(), p.nodeShape());
        WorkloadSource source = p.workload().create(p.nodes(), seed);
        SimConfig cfg = SimConfig.defaults(cluster, seed).withTimeLimits(0, ExperimentOptions.limit(Math.min(p.maxMicros(), org.mesocosm.cli.SteadyRuns.endMicros(source)), window, "the workload's arrivals end"));
        Path dir = runsDir != null ? runsDir.resolve(dirName(p, seed)) : Files.createTempDirectory("mesocosm-run-");
        try {
            PreemptionTimes preemptions = new PreemptionTimes();
            SimulationRunner.Outcome o = SimulationRunner.run(new SimulationRunner.RunSpec(p.policy(), p.workload().name(), source,
                    cluster, cfg, p.workload().expectedTasks(p.nodes()), dir, window, decisionTime), (t, e, d, c) -> {}, new SimulationRunner.Extras(List.of(preemptions), s -> java.util.Map.of()));
            return RunRecord.fromSummary(o.summary(), curves ? RunCurves.of(o.result().metrics(), preemptions.times()) : null);
        } finally {
            if (runsDir == null) deleteTree(dir);
        }
    }

    /** A file-system-safe, unique name for a run: policy, workload, nodes, seed. */
    public static String dirName(RunPoint p, long seed) {
        String load = p.workload() instanceof SyntheticWorkload w && !Double.isNaN(w.load()) ? "-l" + Csv.number(w.load()) : "";
        String shape = p.nodeShape().equals(ClusterShapes.DEFAULT_NODE) ? "" : "-" + NodeShapes.format(p.nodeShape());
        return safe(p.policy()) + "-" + safe(p.workload().name()) + load + "-n" + p.nodes() + shape + "-s" + seed;
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.=-]", "_");
    }

    /** Deletes a run's scratch directory and all it holds (experiments that do not keep their runs). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
