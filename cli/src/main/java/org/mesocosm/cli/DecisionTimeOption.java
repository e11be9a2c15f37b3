package org.mesocosm.cli;

import org.mesocosm.sim.decision.DecisionTime;
import picocli.CommandLine.Option;

/** The {@code --decision-time} option of simulate, compare, sweep and plan (issue 17): a picocli mixin, declared once here. */
public final class DecisionTimeOption {
    public static final String DESCRIPTION = "Simulated time a scheduler spends deciding: zero (the default); "
            + "model:job=100ms,task=5ms (each attempt costs t_job per job plus t_task per task, and work queues behind a busy "
            + "scheduler; also ,per=scheduler and ,max-attempts=N, default 1000); measured or measured:scale=X (the policy's "
            + "thread CPU time times X: the digest is not reproducible).";

    @Option(names = "--decision-time", defaultValue = "zero", paramLabel = "MODE", description = DESCRIPTION)
    String value;

    /** The parsed option; a bad value is a user error naming the option. */
    public DecisionTime decisionTime() {
        return parse(value);
    }

    public static DecisionTime parse(String value) {
        try {
            return DecisionTime.parse(value);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError("--decision-time " + value + ": " + e.getMessage());
        }
    }
}
