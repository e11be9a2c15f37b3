package org.mesocosm.cli.omegapaper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mesocosm.cli.experiments.Csv;
import org.mesocosm.reports.omega.SchedulerRow;

/** omega.csv: one row per run per scheduler; unknown values are empty cells, never 0. */
final class OmegaCsv {
    static final String[] HEADER = {"architecture", "scheduler", "t_job_service_s", "seed", "busyness", "wasted_busyness",
        "wait_first_mean_s", "wait_first_p90_s", "wait_full_mean_s", "conflict_fraction", "jobs_abandoned", "jobs_total"};

    private OmegaCsv() {}

    static void write(Path file, List<SchedulerRow> rows) throws IOException {
        Csv csv = new Csv(HEADER);
        for (SchedulerRow r : rows) {
            csv.row(r.architecture(), r.scheduler(), r.tJobServiceS(), r.seed(), r.busyness(), r.wastedBusyness(), r.waitFirstMeanS(),
                    r.waitFirstP90S(), r.waitFullMeanS(), r.conflictFraction(), r.jobsAbandoned(), r.jobsTotal());
        }
        csv.write(file);
    }
}
