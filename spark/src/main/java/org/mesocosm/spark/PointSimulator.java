package org.mesocosm.spark;

import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.RunOutput;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.WorkloadSource;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.SimConfig;
import org.mesocosm.sim.Simulation;
import org.mesocosm.workloads.ClusterShapes;
import org.mesocosm.workloads.MixedWorkload;
import org.mesocosm.workloads.Workloads;

/**
 * Runs one sweep task as a deterministic simulation and returns its row. Writes no files: on a
 * cluster the executor's disk is not the user's, and sweep.csv only needs the summary.
 */
public final class PointSimulator implements PointRunner {
    private static final long serialVersionUID = 1L;

    private final SweepParameters.Defaults defaults;

    public PointSimulator(SweepParameters.Defaults defaults) {
        this.defaults = defaults;
    }

    @Override
    public SweepRow run(SweepTask task) {
        SweepParameters p = SweepParameters.of(task, defaults);
        List<NodeGroup> cluster = ClusterShapes.uniform(p.nodes(), ClusterShapes.DEFAULT_NODE);
        SimConfig cfg = SimConfig.defaults(cluster, p.seed()).withFailures(p.failures()).withTimeLimits(0, p.maxMicros());
        WorkloadSource workload = workload(p);
        double load = workload instanceof MixedWorkload m ? m.settings().load() : Double.NaN;
        MetricsRecorder metrics = new MetricsRecorder(TaskRowSink.NONE);
        Simulation.Result r = new Simulation(cfg, workload, PolicyRegistry.load().create(p.policy()), metrics, List.of()).run();
        // Wall time is zero on purpose: it differs from run to run, and sweep.csv must not.
        RunOutput.RunInfo info = new RunOutput.RunInfo(p.policy(), p.workload(), p.seed(), cfg.nodeCount(), r.endMicros(),
                r.events(), r.digest(), 0, r.endReason().name().toLowerCase(), "zero");
        Map<String, Object> summary = RunOutput.summary(info, metrics);
        return new SweepRow(task.index(), SweepCsv.cells(p, load, summary));
    }

    /** The named workload, with its offered load replaced when the point sets one. */
    static WorkloadSource workload(SweepParameters p) {
        WorkloadSource w = Workloads.create(p.workload(), p.nodes(), p.seed());
        if (Double.isNaN(p.load())) return w;
        if (!(w instanceof MixedWorkload m)) throw new IllegalArgumentException("workload '" + p.workload() + "' has no load to sweep");
        MixedWorkload.Settings s = m.settings();
        s = s.withServiceShare(Math.min(s.serviceShare(), p.load() / 2)).withLoad(p.load());
        return new MixedWorkload(m.name(), s, p.seed());
    }
}
