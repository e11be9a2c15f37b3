package org.mesocosm.cli.omegapaper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mesocosm.cli.SimulationRunner;
import org.mesocosm.cli.experiments.ExperimentEngine;
import org.mesocosm.reports.omega.SchedulerRow;
import org.mesocosm.runtime.metrics.MeasurementWindow;
import org.mesocosm.sim.SimConfig;
import org.mesocosm.workloads.GoogleLikeSettings;
import org.mesocosm.workloads.GoogleLikeWorkload;

/**
 * One (architecture, t_job, seed) run: the google-like workload on the cell for the horizon, through
 * {@link SimulationRunner} exactly as {@code mesocosm simulate} runs it, single-threaded. The run
 * directory is kept under {@code runsDir} when given, else written to a temporary directory and deleted.
 */
final class OmegaRun implements ExperimentEngine.Work<OmegaPoint, OmegaRun.Result> {

    /** The run's rows (batch, service) and its event-log digest (for the determinism test and the record). */
    record Result(List<SchedulerRow> rows, String digest) {}

    private final Cell cell;
    private final double days;
    private final Path runsDir;

    OmegaRun(Cell cell, double days, Path runsDir) {
        this.cell = cell;
        this.days = days;
        this.runsDir = runsDir;
    }

    long horizonMicros() {
        return Math.round(days * 86_400e6);
    }

    GoogleLikeSettings settings() {
        return cell.workload(days);
    }

    @Override
    public Result run(OmegaPoint p, long seed) throws IOException {
        Architecture a = p.architecture();
        GoogleLikeSettings settings = settings();
        WorkloadSplit split = WorkloadSplit.of(settings, seed, horizonMicros());
        GoogleLikeWorkload source = new GoogleLikeWorkload(settings, seed);
        SimConfig cfg = SimConfig.defaults(cell.groups(), seed).withTimeLimits(0, horizonMicros());
        String spec = a.policySpec(p.serviceTJobMicros());
        Path dir = runsDir != null ? runsDir.resolve(dirName(p, seed)) : Files.createTempDirectory("mesocosm-omega-");
        try {
            SimulationRunner.Outcome o = SimulationRunner.run(new SimulationRunner.RunSpec(spec, source.name(), source, cell.groups(), cfg,
                    0, dir, MeasurementWindow.WHOLE_RUN, a.decisionTime(p.serviceTJobMicros())), (t, e, d, c) -> {});
            Map<String, Object> summary = o.summary();
            return new Result(SummaryRows.rows(a, p.serviceTJobSeconds(), seed, summary, split.jobs()), String.valueOf(summary.get("event_log_sha256")));
        } finally {
            if (runsDir == null) org.mesocosm.cli.experiments.PointRunner.deleteTree(dir);
        }
    }

    static String dirName(OmegaPoint p, long seed) {
        return p.architecture().label() + "-tjob" + Architecture.duration(p.serviceTJobMicros()) + "-s" + seed;
    }
}
