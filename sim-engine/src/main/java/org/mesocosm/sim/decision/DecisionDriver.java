package org.mesocosm.sim.decision;

import java.util.List;

/**
 * What the simulation driver asks of a scheduler whose decisions take time: how far into the
 * decision at hand the scheduler is (a placement or kill emitted now takes effect that much
 * later), that an input has been handled (the decision is complete: the scheduler stays busy
 * until its end, and work arriving meanwhile queues behind it), and which jobs it gave up on.
 */
public interface DecisionDriver {

    /** Decision time spent so far in the input being handled, in microseconds (0 when decisions are free). */
    long elapsedMicros();

    /** The master has handled one input at {@code now}: closes the decision it caused, if any. */
    void inputHandled(long now);

    /** Jobs abandoned after too many attempts since the last call, for the driver to kill; the list is then cleared. */
    List<String> takeAbandoned();
}
