package org.mesocosm.runtime.master;

import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;

/**
 * Everything that can happen to the master. A driver (simulated or live) feeds these in, with the
 * time they happen; the master never looks at a clock.
 */
public sealed interface Input {

    /** An agent registered (or re-registered after a failure, with no tasks). */
    record AgentAdded(String agentId, Resources total, Map<String, String> attributes) implements Input {
        public AgentAdded {
            attributes = Map.copyOf(attributes);
        }
    }

    /** An agent was lost: its active tasks become LOST. */
    record AgentRemoved(String agentId, String reason) implements Input {}

    record JobSubmitted(JobSpec job) implements Input {}

    record JobKillRequested(String jobId) implements Input {}

    /** An agent reports a task's new state. */
    record TaskStatus(String taskId, TaskState state, int exitCode, String message) implements Input {}

    /** A timer the master asked for has fired. */
    record TimerFired(long timerId) implements Input {}

    /** Run {@code instances} instances of one task group of a service: more are launched, the surplus killed. */
    record JobScaled(String jobId, String taskName, int instances) implements Input {}

    /**
     * An agent came back (its process restarted, or it was cut off long enough to be declared
     * lost) and says which tasks it is running. The master re-adopts those it still expects there,
     * kills those it does not, and marks LOST those it expected but the agent does not have.
     */
    record AgentReregistered(String agentId, Resources total, Map<String, String> attributes, List<String> runningTaskIds)
            implements Input {
        public AgentReregistered {
            attributes = Map.copyOf(attributes);
            runningTaskIds = List.copyOf(runningTaskIds);
        }
    }
}
