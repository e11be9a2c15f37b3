package org.mesocosm.cli;

import picocli.CommandLine.Option;

/** {@code --policy}, {@code --seed} and {@code --quiet} of the commands that do one run (simulate, replay): a picocli mixin. */
final class SingleRunOptions {
    @Option(names = "--policy", defaultValue = "drf", description = "Policy NAME[:key=value,...]; see 'mesocosm policies'. Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(names = "--seed", defaultValue = "1", description = "Root of every random stream. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--quiet", description = "No progress line on stderr.")
    boolean quiet;
}
