package org.mesocosm.cli;

import org.mesocosm.sim.decision.DecisionTime;

/** The {@code --decision-time} option of simulate, compare, sweep and plan (issue 17). */
public final class DecisionTimeOption {
    public static final String DESCRIPTION = "Simulated time a scheduler spends deciding: zero (default), "
            + "model:job=100ms,task=5ms[,per=scheduler][,max-attempts=1000] (t_job per job + t_task per task of each attempt; "
            + "work queues behind a busy scheduler), or measured[:scale=1.0] (the policy's thread CPU time: the digest is not reproducible).";

    private DecisionTimeOption() {}

    public static DecisionTime parse(String value) {
        try {
            return DecisionTime.parse(value);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError("--decision-time " + value + ": " + e.getMessage());
        }
    }
}
