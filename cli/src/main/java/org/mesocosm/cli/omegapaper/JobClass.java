package org.mesocosm.cli.omegapaper;

import java.util.Locale;
import org.mesocosm.runtime.model.JobKind;

/**
 * The Omega paper's workload split: service jobs (long-running) and batch jobs (everything that
 * runs to completion). In Mesocosm the split is the job kind: {@link JobKind#SERVICE} is service,
 * every other kind is batch, which is also how mono's paths, mesos's default framework routing and
 * omega's scheduler routing split jobs.
 */
public enum JobClass {
    BATCH, SERVICE;

    public static JobClass of(JobKind k) {
        return k == JobKind.SERVICE ? SERVICE : BATCH;
    }

    /** "batch" or "service": the scheduler column of omega.csv. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
