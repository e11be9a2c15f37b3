package org.mesocosm.runtime.master;

import java.util.Map;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;

/** What the master asks the world to do. A simulated cluster or real agents carry it out. */
public sealed interface Command {

    /**
     * Start one task attempt on an agent.
     *
     * @param instance instance index within its task group (selects the simulated duration)
     */
    record Launch(String agentId, String taskId, String jobId, Resources resources, int instance, SimProfile sim,
                  String command, Map<String, String> env) implements Command {}

    /** Kill a task; the agent answers with a KILLED status. */
    record Kill(String agentId, String taskId) implements Command {}

    /** Fire {@link Input.TimerFired} with this id at (or after) the given time. */
    record ScheduleTimer(long atMicros, long timerId) implements Command {}
}
