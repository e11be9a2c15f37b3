package org.mesocosm.cli.omegapaper;

import java.util.Locale;

/** One point of the grid: an architecture at one service t_job. */
record OmegaPoint(Architecture architecture, long serviceTJobMicros) {
    double serviceTJobSeconds() {
        return serviceTJobMicros / 1e6;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s t_job=%ss", architecture.label(), org.mesocosm.cli.experiments.Csv.number(serviceTJobSeconds()));
    }
}
