package org.mesocosm.runtime.master;

import java.util.ArrayList;
import java.util.List;

/**
 * Which agent messages the master may act on (issue 18, finding 4): an agent speaks only for itself, as Kubernetes'
 * NodeRestriction binds a kubelet to its node. Pure functions of the master's state, so the live driver (behind its
 * HTTP API and ACLs) and the torture harness (behind its simulated network) apply the same check: what torture proves
 * about adversarial agents holds for the live master.
 */
public final class AgentIdentity {
    private AgentIdentity() {}

    /**
     * May the holder of the credential named {@code principal} register, heartbeat and report as agent {@code agentId}?
     * Only for the id equal to its own name (the ACL's {@code agents: [self]}); an unnamed credential speaks for nobody.
     */
    public static boolean speaksFor(String principal, String agentId) {
        return principal != null && !principal.isEmpty() && principal.equals(agentId);
    }

    /** May agent {@code agentId} report on task {@code taskId}? Only if the master placed that task on that agent. */
    public static boolean reportsOn(Master master, String agentId, String taskId) {
        Task t = master.task(taskId);
        return t != null && t.agent() != null && t.agent().id().equals(agentId);
    }

    /** The updates from agent {@code agentId} that are about its own tasks, in their order; the others are dropped. */
    public static List<Input.TaskStatus> ownUpdates(Master master, String agentId, List<Input.TaskStatus> updates) {
        List<Input.TaskStatus> own = new ArrayList<>(updates.size());
        for (Input.TaskStatus u : updates) if (reportsOn(master, agentId, u.taskId())) own.add(u);
        return own;
    }
}
