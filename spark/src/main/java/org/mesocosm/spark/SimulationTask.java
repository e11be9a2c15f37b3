package org.mesocosm.spark;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.cli.experiments.Metric;
import org.mesocosm.cli.experiments.PointRunner;
import org.mesocosm.cli.experiments.RunRecord;

/**
 * The real work of a Spark task: one simulation through the experiment engine's
 * {@link PointRunner}, exactly as {@code mesocosm sweep} runs it (its run directory goes to a
 * temporary directory on the executor and is deleted).
 */
public final class SimulationTask implements TaskRunner {
    private static final long serialVersionUID = 1L;

    @Override
    public SweepRow run(SweepTask task) throws Exception {
        RunRecord r = new PointRunner(null, false).run(task.runPoint(), task.seed());
        List<Double> values = new ArrayList<>(Metric.values().length);
        for (Metric m : Metric.values()) values.add(r.get(m));
        return new SweepRow(task.index(), values, r.digest());
    }
}
