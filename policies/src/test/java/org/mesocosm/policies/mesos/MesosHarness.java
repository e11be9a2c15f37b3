package org.mesocosm.policies.mesos;

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
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.policy.PolicyRegistry;

/**
 * A real master running the real {@code mesos} policy, driven by hand: the test adds agents and
 * jobs, the harness plays the clock (timers fire in time order) and the agents (a launched task
 * stays STAGING, holding its resources, until the test ends it). Kills are carried out at once.
 */
final class MesosHarness implements CommandSink {
    final Master master;
    final MesosScheduler policy;
    private final PriorityQueue<long[]> timers = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    private final Map<String, Task> tasksById = new LinkedHashMap<>();
    private final List<String> kills = new ArrayList<>();
    private long now;
    private int jobs;

    MesosHarness(String spec) {
        policy = (MesosScheduler) PolicyRegistry.load().create(spec);
        MasterObserver tracking = new MasterObserver() {
            @Override public void taskCreated(long t, Task task) { tasksById.put(task.id(), task); }
        };
        master = new Master(MasterConfig.DEFAULT, policy, this, tracking);
    }

    @Override
    public void emit(long at, Command c) {
        if (c instanceof Command.ScheduleTimer t) timers.add(new long[] {t.atMicros(), t.timerId()});
        else if (c instanceof Command.Kill k) kills.add(k.taskId());
    }

    long now() { return now; }

    Agent agent(String id, long cpuMillis, long memMiB, Map<String, String> attributes) {
        master.handle(now, new Input.AgentAdded(id, Resources.of(cpuMillis, memMiB), attributes));
        settle();
        return master.cluster().agent(id);
    }

    Agent agent(String id, long cpuMillis, long memMiB) { return agent(id, cpuMillis, memMiB, Map.of()); }

    /** Submits a job (framework null: routed by kind); returns its id. Time does not pass. */
    String submit(JobKind kind, String framework, int priority, TaskSpec... groups) {
        String id = "job" + (jobs++);
        master.handle(now, new Input.JobSubmitted(new JobSpec(id, "r", kind, priority, List.of(groups), 3, null, framework)));
        settle();
        return id;
    }

    List<Task> tasksOf(String jobId) {
        List<Task> out = new ArrayList<>();
        for (Task t : tasksById.values()) if (t.jobId().equals(jobId)) out.add(t);
        return out;
    }

    List<Task> tasks() { return List.copyOf(tasksById.values()); }

    static TaskSpec group(String name, int n, long cpuMillis, long memMiB) {
        return TaskSpec.simulated(name, n, Resources.of(cpuMillis, memMiB), SimProfile.FOREVER);
    }

    /** Fires the timers due now. */
    void settle() { advance(0); }

    /** Lets {@code micros} pass, firing timers in order and carrying out kills as they come. */
    void advance(long micros) {
        long until = now + micros;
        while (true) {
            if (!kills.isEmpty()) {
                String k = kills.remove(0);
                master.handle(now, new Input.TaskStatus(k, TaskState.KILLED, -1, "killed"));
                continue;
            }
            if (timers.isEmpty() || timers.peek()[0] > until) break;
            long[] t = timers.poll();
            now = Math.max(now, t[0]);
            master.handle(now, new Input.TimerFired(t[1]));
        }
        now = until;
    }

    void end(Task t, TaskState state) {
        master.handle(now, new Input.TaskStatus(t.id(), state, state == TaskState.FINISHED ? 0 : 1, ""));
        settle();
    }

    static boolean placed(Task t) { return t.agent() != null && (t.state() == TaskState.STAGING || t.state() == TaskState.RUNNING); }
}
