package org.mesocosm.sim.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.AgentIdentity;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.sim.EventQueue;

/**
 * Two adversarial agents in every torture run (issue 18, finding 4). Each holds the credential of one of the run's
 * agents (its own id) and tries to act beyond it:
 * <ul>
 * <li>the <b>liar</b> reports, as itself, that tasks running on other agents finished, failed, were killed or lost;</li>
 * <li>the <b>impostor</b> re-registers as another agent's id claiming it runs nothing (which would make the master
 * write off that agent's tasks as LOST), and reports that agent's tasks failed, as that agent.</li>
 * </ul>
 * Every attempt passes the master's identity check, {@link AgentIdentity}, the very functions the live driver and its
 * ACLs apply to an HTTP request, before it may reach the master. The invariant, checked on every attempt: nothing
 * outside the adversary's own id changes (no other agent's registration, no task on another agent).
 *
 * <p>Their randomness is the named stream {@value #STREAM}: the other streams draw as before, and a refused attempt
 * reaches neither the master nor its log, so a run's event-log digest is the same as without adversaries.
 */
final class Adversaries {
    static final String STREAM = "adversaries";
    /** Attempts per adversary and run, spread over the fault window. */
    static final int ATTEMPTS = 16;

    enum Kind { LIAR, IMPOSTOR }

    private final SplittableRandom random;
    private final List<TortureAgent> agents;
    private final int liar;
    private final int impostor;
    /** Test hook: lets every attempt through, to prove the invariant notices what the check keeps out. */
    boolean checkOff;
    private long attempts;
    private long refused;

    Adversaries(SplittableRandom random, List<TortureAgent> agents) {
        this.random = random;
        this.agents = agents;
        this.liar = random.nextInt(agents.size());
        this.impostor = random.nextInt(agents.size());
    }

    void enqueue(EventQueue<TortureEvent> queue, long windowMicros) {
        for (Kind k : Kind.values()) {
            for (int i = 0; i < ATTEMPTS; i++) queue.add(1 + random.nextLong(windowMicros), new TortureEvent.Adversary(k));
        }
    }

    long attempts() { return attempts; }

    long refused() { return refused; }

    /**
     * One attempt by adversary {@code kind} on the running master at {@code now}; returns a violation, or null. The
     * attempt is chosen from the master's current state (which tasks run where), on the adversaries' own stream.
     */
    String attempt(Kind kind, long now, MasterProcess master) {
        if (!master.isUp()) return null;
        Master m = master.master();
        String credential = agents.get(kind == Kind.LIAR ? liar : impostor).id;
        Attempt a = kind == Kind.LIAR ? lie(m, credential) : impersonate(m, credential);
        if (a == null) return null; // nothing to lie about yet
        attempts++;
        if (!checkOff && !admitted(m, credential, a.claimedId, a.input)) {
            refused++;
            return null;
        }
        String before = outside(m, credential);
        master.deliver(now, a.input);
        if (!master.isUp()) return null;
        String after = outside(master.master(), credential);
        if (before.equals(after)) return null;
        return "adversarial agent " + credential + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ") changed state outside its own id with "
                + a.input + " as " + a.claimedId + ": " + firstDifference(before, after);
    }

    /** The master's identity check, as the live driver applies it: the credential speaks for the id, the id reports on its own tasks. */
    static boolean admitted(Master m, String credential, String claimedId, Input in) {
        if (!AgentIdentity.speaksFor(credential, claimedId)) return false;
        if (in instanceof Input.TaskStatus s) return AgentIdentity.reportsOn(m, claimedId, s.taskId());
        return true;
    }

    private record Attempt(String claimedId, Input input) {}

    private static final TaskState[] LIES = {TaskState.FINISHED, TaskState.FAILED, TaskState.KILLED, TaskState.LOST};

    private Attempt lie(Master m, String self) {
        List<Task> others = new ArrayList<>();
        for (Task t : m.liveTasks()) if (t.agent() != null && !t.agent().id().equals(self) && t.state().isActive()) others.add(t);
        if (others.isEmpty()) return null;
        Task victim = others.get(random.nextInt(others.size()));
        TaskState lie = LIES[random.nextInt(LIES.length)];
        return new Attempt(self, new Input.TaskStatus(victim.id(), lie, lie == TaskState.FINISHED ? 0 : 1, "a lie"));
    }

    private Attempt impersonate(Master m, String self) {
        List<TortureAgent> victims = new ArrayList<>();
        for (TortureAgent a : agents) if (!a.id.equals(self)) victims.add(a);
        if (victims.isEmpty()) return null;
        TortureAgent victim = victims.get(random.nextInt(victims.size()));
        if (random.nextBoolean()) { // re-register (the torture agents' heartbeat) as the victim, running nothing
            return new Attempt(victim.id, new Input.AgentReregistered(victim.id, victim.total, victim.attributes, List.of()));
        }
        List<Task> theirs = new ArrayList<>();
        for (Task t : m.liveTasks()) if (t.agent() != null && t.agent().id().equals(victim.id) && t.state().isActive()) theirs.add(t);
        if (theirs.isEmpty()) return null;
        Task t = theirs.get(random.nextInt(theirs.size()));
        return new Attempt(victim.id, new Input.TaskStatus(t.id(), TaskState.FAILED, 1, "impersonated"));
    }

    /** What must not change: every other agent's state and every task not on {@code self}, one line each. */
    static String outside(Master m, String self) {
        StringBuilder b = new StringBuilder();
        for (Agent a : m.cluster().agents()) {
            if (!a.id().equals(self)) b.append("agent ").append(a.id()).append(a.isUp() ? " up" : " down").append('\n');
        }
        for (Task t : m.liveTasks()) {
            if (t.agent() != null && t.agent().id().equals(self)) continue;
            b.append("task ").append(t.id()).append(' ').append(t.state()).append(" on ").append(t.agent() == null ? "-" : t.agent().id()).append('\n');
        }
        return b.toString();
    }

    private static String firstDifference(String before, String after) {
        String[] a = before.split("\n"), b = after.split("\n");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(none)", y = i < b.length ? b[i] : "(none)";
            if (!x.equals(y)) return "'" + x + "' became '" + y + "'";
        }
        return "(same lines)";
    }
}
