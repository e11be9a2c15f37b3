package org.mesocosm.cli;

import org.mesocosm.sim.decision.DecisionTime;

/** The {@code --decision-time} option of simulate, compare, sweep and plan (issue 17). */
public final class DecisionTimeOption {
    public static final String DESCRIPTION = "Simulated time a scheduler spends deciding: zero (the default); "
            + "model:job=100ms,task=5ms (each attempt costs t_job per job plus t_task per task, and work queues behind a busy "
            + "scheduler; also ,per=scheduler and ,max-attempts=N, default 1000); measured or measured:scale=X (the policy's "
            + "thread CPU time times X: the digest is not reproducible).";

    private DecisionTimeOption() {}

    public static DecisionTime parse(String value) {
        try {
            return DecisionTime.parse(value);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError("--decision-time " + value + ": " + e.getMessage());
        }
    }
}
