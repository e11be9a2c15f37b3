package org.mesocosm.cli.experiments;

import org.mesocosm.cli.Mesocosm;
import org.mesocosm.runtime.policy.Durations;
import picocli.CommandLine.Option;

/** Options every experiment command shares (a picocli mixin). */
public final class ExperimentOptions {

    @Option(names = "--seeds", defaultValue = "5", description = "Seeds per point: 1..N (paired across policies). Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--first-seed", defaultValue = "1", description = "Seeds run from this value. Default: ${DEFAULT-VALUE}.")
    long firstSeed;

    @Option(names = "--max-time", defaultValue = "30d", description = "Stop each run at this simulated time (e.g. 12h, 7d). Default: ${DEFAULT-VALUE}.")
    String maxTime;

    @Option(names = "--threads", description = "Runs at once. Default: the machine's cores.")
    Integer threads;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    void check(int minSeeds) {
        if (seeds < minSeeds) throw new Mesocosm.UserError("--seeds must be at least " + minSeeds + ", got " + seeds);
        if (seeds > 10_000) throw new Mesocosm.UserError("--seeds must be at most 10000, got " + seeds);
        if (firstSeed < 0) throw new Mesocosm.UserError("--first-seed must be >= 0, got " + firstSeed);
        if (threads != null && threads < 1) throw new Mesocosm.UserError("--threads must be at least 1, got " + threads);
        maxMicros();
    }

    long maxMicros() {
        long m;
        try {
            m = Durations.parseMicros(maxTime);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError("--max-time: " + e.getMessage());
        }
        if (m <= 0) throw new Mesocosm.UserError("--max-time must be positive");
        return m;
    }

    long[] seedList() {
        long[] s = new long[seeds];
        for (int i = 0; i < seeds; i++) s[i] = firstSeed + i;
        return s;
    }

    ExperimentEngine engine() {
        return new ExperimentEngine(threads != null ? threads : ExperimentEngine.defaultThreads());
    }
}
