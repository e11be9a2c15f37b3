package org.mesocosm.policies.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.CommandSink;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.pods.NodeInfo;
import org.mesocosm.runtime.pods.PodScheduler;
import org.mesocosm.runtime.policy.PolicyRegistry;

/**
 * A real master and a real pod-scheduling policy, driven by hand: the test adds nodes and jobs,
 * and the harness plays the agents and the clock. Timers fire in time order when the test lets
 * time pass; kills are carried out when the test says so, so it can look between decision and
 * effect (e.g. at a preemption before its victims are gone).
 */
public final class PodHarness implements CommandSink {
    public final Master master;
    public final PodScheduler scheduler;
    private final PriorityQueue<long[]> timers = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    private final List<Command.Kill> pendingKills = new ArrayList<>();
    private final Map<String, Task> tasksById = new LinkedHashMap<>();
    private long now;
    private int jobs;

    public PodHarness(String policySpec) {
        this(policySpec, new MasterObserver() {});
    }

    public PodHarness(String policySpec, MasterObserver observer) {
        this(PolicyRegistry.load().create(policySpec), observer);
    }

    public PodHarness(PlacementPolicy policy, MasterObserver observer) {
        this.scheduler = (PodScheduler) policy;
        MasterObserver tracking = new MasterObserver() {
            @Override public void agentUp(long t, Agent a) { observer.agentUp(t, a); }
            @Override public void taskCreated(long t, Task task) { tasksById.put(task.id(), task); observer.taskCreated(t, task); }
            @Override public void taskPlaced(long t, Task task) { observer.taskPlaced(t, task); }
            @Override public void taskStateChanged(long t, Task task, TaskState from) { observer.taskStateChanged(t, task, from); }
            @Override public void taskPreempted(long t, Task victim, Task preemptor) { observer.taskPreempted(t, victim, preemptor); }
            @Override public void taskUnschedulable(long t, Task task, String reason) { observer.taskUnschedulable(t, task, reason); }
        };
        this.master = new Master(MasterConfig.DEFAULT, policy, this, tracking);
    }

    @Override
    public void emit(long at, Command c) {
        if (c instanceof Command.ScheduleTimer t) timers.add(new long[] {t.atMicros(), t.timerId()});
        else if (c instanceof Command.Kill k) pendingKills.add(k);
        // launches need no answer: a launched task stays STAGING, holding its resources
    }

    public long now() { return now; }

    public Agent node(String id, long cpuMillis, long memMiB, Map<String, String> attributes) {
        master.handle(now, new Input.AgentAdded(id, Resources.of(cpuMillis, memMiB), attributes));
        settle();
        return master.cluster().agent(id);
    }

    public Agent node(String id, long cpuMillis, long memMiB) {
        return node(id, cpuMillis, memMiB, Map.of());
    }

    public NodeInfo info(String nodeId) {
        return scheduler.handle().nodeInfo(master.cluster().agent(nodeId));
    }

    /** Submits a long-running job of {@code instances} copies of {@code spec} and lets the scheduler run; returns its tasks. */
    public List<Task> submit(int priority, TaskSpec spec) {
        return submit(JobKind.SERVICE, priority, spec);
    }

    public List<Task> submit(JobKind kind, int priority, TaskSpec spec) {
        String id = "job" + (jobs++);
        master.handle(now, new Input.JobSubmitted(new JobSpec(id, "r", kind, priority, List.of(spec), 3)));
        settle();
        List<Task> out = new ArrayList<>();
        for (Task t : tasksById.values()) if (t.jobId().equals(id)) out.add(t);
        return out;
    }

    /** A task group of {@code n} instances that run forever. */
    public static TaskSpec pods(String name, int n, long cpuMillis, long memMiB) {
        return TaskSpec.simulated(name, n, Resources.of(cpuMillis, memMiB), SimProfile.FOREVER);
    }

    /** Fires the timers due now (the scheduler's zero-delay drains). */
    public void settle() {
        advance(0);
    }

    /** Lets {@code micros} of time pass, firing timers in order. */
    public void advance(long micros) {
        long until = now + micros;
        while (!timers.isEmpty() && timers.peek()[0] <= until) {
            long[] t = timers.poll();
            now = Math.max(now, t[0]);
            master.handle(now, new Input.TimerFired(t[1]));
        }
        now = until;
    }

    /** Kill requests not yet carried out. */
    public List<Command.Kill> pendingKills() { return List.copyOf(pendingKills); }

    /** The agents carry out every requested kill; then the scheduler runs. */
    public void carryOutKills() {
        List<Command.Kill> ks = new ArrayList<>(pendingKills);
        pendingKills.clear();
        for (Command.Kill k : ks) master.handle(now, new Input.TaskStatus(k.taskId(), TaskState.KILLED, -1, "killed"));
        settle();
    }

    /** The task's agent reports it finished (successfully); then the scheduler runs. */
    public void finish(Task t) {
        master.handle(now, new Input.TaskStatus(t.id(), TaskState.FINISHED, 0, ""));
        settle();
    }

    /** Every task created so far (all attempts), in creation order. */
    public List<Task> tasks() { return List.copyOf(tasksById.values()); }

    /** Tasks currently holding resources on the node. */
    public List<Task> on(String nodeId) {
        return List.copyOf(master.cluster().agent(nodeId).tasks());
    }

    /** How many nodes hold at least one task. */
    public long nodesUsed() {
        return master.cluster().agents().stream().filter(a -> !a.tasks().isEmpty()).count();
    }
}
