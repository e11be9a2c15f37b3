package org.mesocosm.cli;

import picocli.CommandLine.Option;

/** {@code --threads} of the commands that run many simulations in parallel (compare, sweep, plan, experiment fgd): a picocli mixin. */
public final class RunsAtOnceOption {
    @Option(names = "--threads", description = "Runs at once. Default: the machine's cores.")
    Integer threads;

    /** The runs at once asked for, or {@code machineDefault} when --threads was not given; a value under 1 is a user error. */
    public int orDefault(int machineDefault) {
        if (threads != null && threads < 1) throw new Mesocosm.UserError("--threads must be at least 1, got " + threads);
        return threads != null ? threads : machineDefault;
    }
}
