package org.mesocosm.sim.torture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.JobOutcome;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;

/**
 * The invariants a torture run holds after every event, over both the master's view and the
 * agents' ground truth, plus the ones that hold only once faults have stopped. The first
 * violation is kept; the run stops there.
 */
final class InvariantChecker {
    /** Jobs the master acknowledged, in order, with what a client expects of each. */
    private final Map<String, Expected> acked = new LinkedHashMap<>();
    private PipelineWatch pipelines = new PipelineWatch();
    private String violation;

    private static final class Expected {
        final JobSpec spec;
        int instances;
        boolean killed;

        Expected(JobSpec spec) {
            this.spec = spec;
            this.instances = spec.kind() == JobKind.SERVICE ? spec.tasks().get(0).instances() : 0;
        }
    }

    String violation() { return violation; }

    boolean failed() { return violation != null; }

    void fail(String what) {
        if (violation == null) violation = what;
    }

    /** A fresh watcher for a new master process (a replay rebuilds what it knew). */
    PipelineWatch newMasterWatch() {
        if (pipelines.violation() != null) fail(pipelines.violation());
        pipelines = new PipelineWatch();
        return pipelines;
    }

    void submitted(JobSpec spec) { acked.put(spec.id(), new Expected(spec)); }

    void killed(String jobId) {
        Expected e = acked.get(jobId);
        if (e != null) e.killed = true;
    }

    void scaled(String jobId, int instances) {
        Expected e = acked.get(jobId);
        if (e != null && !e.killed) e.instances = instances;
    }

    /** A launch reaching an agent: the agent's own accounts must have room, and the task may run nowhere else. */
    void launchArrives(TortureAgent a, Command.Launch l, List<TortureAgent> all) {
        if (!a.total.fits(a.used.plus(l.resources()))) {
            fail("resource double-booked on agent " + a.id + ": " + l.taskId() + " needs " + l.resources() + " but " + a.used
                    + " of " + a.total + " is in use by " + a.runningIds());
        }
        for (TortureAgent b : all) {
            if (b != a && b.running.containsKey(l.taskId())) fail("task " + l.taskId() + " running on " + b.id + " and " + a.id + " at once");
        }
    }

    /** After every event. */
    void afterEvent(long now, MasterProcess mp) {
        afterEvent(now, mp.isUp() ? mp.master() : null);
    }

    /** After every event, on the master that acts ({@code null} while none is up). */
    void afterEvent(long now, Master m) {
        if (violation != null) return;
        if (pipelines.violation() != null) {
            fail(pipelines.violation());
            return;
        }
        if (m == null) return;
        if (!ackedJobsAccountedFor(m)) return;
        masterViewConsistent(m);
    }

    /** Every acknowledged job is known to {@code m}, and ended only as its client asked; false on a violation. */
    boolean ackedJobsAccountedFor(Master m) {
        for (Expected e : acked.values()) {
            String id = e.spec.id();
            if (!m.hasJob(id)) {
                fail("acknowledged job " + id + " is unknown to the master");
                return false;
            }
            // an ended job keeps only its outcome in the master, which must match what the client asked for
            JobOutcome outcome = m.jobOutcome(id);
            if (outcome == JobOutcome.KILLED && !e.killed) {
                fail("job " + id + " ended KILLED but no kill of it was acknowledged");
                return false;
            }
            boolean longRunning = e.spec.kind() == JobKind.SERVICE || e.spec.kind() == JobKind.CRON;
            if (outcome != null && longRunning && outcome != JobOutcome.KILLED) {
                fail(e.spec.kind() + " job " + id + " ended " + outcome + "; only a kill ends it");
                return false;
            }
        }
        return true;
    }

    /** No instance active twice, allocations add up, no agent over-committed: in any master, acting or standby. */
    void masterViewConsistent(Master m) {
        if (violation != null) return;
        Map<String, Task> activeByInstance = new HashMap<>();
        Map<String, Resources> allocated = new HashMap<>();
        for (Task t : m.liveTasks()) {
            if (!t.state().isActive()) continue;
            Task other = activeByInstance.put(t.jobId() + "/" + t.spec().name() + "/" + t.instance(), t);
            if (other != null) {
                fail("instance runs twice in the master's view: " + other + " and " + t);
                return;
            }
            allocated.merge(t.agent().id(), t.request(), Resources::plus);
        }
        for (Agent a : m.cluster().agents()) {
            Resources sum = allocated.getOrDefault(a.id(), Resources.ZERO);
            if (!a.allocated().equals(sum)) {
                fail("agent " + a.id() + " has " + a.allocated() + " allocated but its tasks ask " + sum);
                return;
            }
            if (!a.total().fits(a.allocated().plus(a.offered()).plus(a.orphaned()))) {
                fail("agent " + a.id() + " over-committed in the master's view: " + a.allocated() + " + offers " + a.offered() + " + orphans " + a.orphaned());
                return;
            }
        }
    }

    /** Once faults have stopped and the cluster has had time to settle. */
    void atQuietEnd(MasterProcess mp, List<TortureAgent> agents) {
        atQuietEnd(mp.isUp() ? mp.master() : null, agents);
    }

    /** Once faults have stopped, on the master that acts ({@code null} if none does). */
    void atQuietEnd(Master m, List<TortureAgent> agents) {
        if (violation != null) return;
        afterEvent(Long.MAX_VALUE, m);
        if (violation != null) return;
        if (m == null) {
            fail("the master is still down after the quiet period");
            return;
        }
        boolean capacityBound = false;
        for (Task t : m.liveTasks()) capacityBound |= t.state() == TaskState.PENDING && !fitsSomewhere(m, t);
        if (m.unfinishedFiniteJobs() != 0 && !capacityBound) {
            List<String> stuck = new ArrayList<>();
            for (Task t : m.liveTasks()) if (t.kind() != JobKind.SERVICE) stuck.add(t.toString());
            fail(m.unfinishedFiniteJobs() + " batch/pipeline jobs never ended; live tasks: " + stuck + freeSummary(m, null));
            return;
        }
        Map<String, Integer> running = new HashMap<>();
        for (Task t : m.liveTasks()) {
            if (t.state() == TaskState.PENDING && !fitsSomewhere(m, t)) continue; // the cluster is full: not a fault's doing
            if (t.state() != TaskState.RUNNING) {
                fail("task " + t + " is still " + t.state() + " after the quiet period" + freeSummary(m, t));
                return;
            }
            running.merge(t.jobId(), 1, Integer::sum);
            TortureAgent a = find(agents, t.agent().id());
            if (a == null || !a.running.containsKey(t.id())) {
                fail("the master thinks " + t + " runs on " + t.agent().id() + " but the agent does not run it");
                return;
            }
        }
        for (TortureAgent a : agents) {
            for (String id : a.running.keySet()) {
                Task t = m.task(id);
                if (t == null || t.agent() == null || !t.agent().id().equals(a.id)) {
                    fail("agent " + a.id + " runs " + id + " which the master does not place there (an orphan or a second copy)");
                    return;
                }
            }
        }
        for (Expected e : acked.values()) {
            if (e.spec.kind() != JobKind.SERVICE) continue;
            int want = e.killed ? 0 : e.instances;
            int have = running.getOrDefault(e.spec.id(), 0);
            if (have != want && !(capacityBound && have < want)) {
                fail("service " + e.spec.id() + " runs " + have + " instances once faults stopped, wants " + want);
                return;
            }
        }
    }

    private static boolean fitsSomewhere(Master m, Task t) {
        for (Agent a : m.cluster().agents()) {
            if (a.isUp() && a.free().fits(t.request()) && org.mesocosm.runtime.master.Cluster.matches(a, t.spec().nodeSelector())) return true;
        }
        return false;
    }

    /** Where a stuck task could have gone: the free resources of every agent that is up. */
    private static String freeSummary(Master m, Task t) {
        StringBuilder b = new StringBuilder("; free:");
        for (Agent a : m.cluster().agents()) {
            if (a.isUp()) b.append(' ').append(a.id()).append('=').append(a.free());
        }
        if (t != null) b.append("; asks ").append(t.request());
        return b.toString();
    }

    private static TortureAgent find(List<TortureAgent> agents, String id) {
        for (TortureAgent a : agents) if (a.id.equals(id)) return a;
        return null;
    }
}
