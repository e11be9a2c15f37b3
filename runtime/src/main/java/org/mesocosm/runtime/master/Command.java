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
     * @param gpuDevices the GPU device indices the master chose on the agent, {@code 0,3}; empty for none
     * @param gpuMilli milli-GPU the task takes of each of them (1000 for whole devices); 0 for none
     */
    record Launch(String agentId, String taskId, String jobId, Resources resources, int instance, SimProfile sim,
                  String command, Map<String, String> env, String gpuDevices, int gpuMilli) implements Command {

        /** A launch that asks for no GPU device. */
        public Launch(String agentId, String taskId, String jobId, Resources resources, int instance, SimProfile sim,
                      String command, Map<String, String> env) {
            this(agentId, taskId, jobId, resources, instance, sim, command, env, "", 0);
        }

        public Launch {
            gpuDevices = gpuDevices == null ? "" : gpuDevices;
        }
    }

    /** Kill a task; the agent answers with a KILLED status. */
    record Kill(String agentId, String taskId) implements Command {}

    /** Fire {@link Input.TimerFired} with this id at (or after) the given time. */
    record ScheduleTimer(long atMicros, long timerId) implements Command {}
}
