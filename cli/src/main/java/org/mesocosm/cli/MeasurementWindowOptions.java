package org.mesocosm.cli;

import org.mesocosm.cli.experiments.ExperimentOptions;
import org.mesocosm.runtime.metrics.MeasurementWindow;
import picocli.CommandLine.Option;

/** {@code --warmup} and {@code --measure}, of simulate and of every experiment command: a picocli mixin, declared once here. */
public final class MeasurementWindowOptions {
    @Option(names = "--warmup", defaultValue = "0", description = "Leave this much simulated time out of every metric, "
            + "e.g. 1h: the cluster filling up from empty is not the steady state. Default: ${DEFAULT-VALUE}.")
    public String warmup;

    @Option(names = "--measure", description = "Measure this much simulated time after the warmup, e.g. 3h, and stop the run "
            + "there (at most --max-time). Default: the rest of the run.")
    public String measure;

    /** The window the two options give (a user error names the option). */
    public MeasurementWindow window() {
        return ExperimentOptions.windowOf(warmup, measure);
    }
}
