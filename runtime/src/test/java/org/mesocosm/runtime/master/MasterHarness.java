package org.mesocosm.runtime.master;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;

/** Drives a master by hand: records its commands, fires its timers as time advances. */
final class MasterHarness implements CommandSink, MasterObserver {
    final Master master;
    final List<Command> commands = new ArrayList<>();
    final List<Task> ended = new ArrayList<>();
    final List<String> jobsEnded = new ArrayList<>();
    private final TreeMap<Long, List<Long>> timers = new TreeMap<>();
    long now;

    MasterHarness(PlacementPolicy policy) {
        this(policy, MasterConfig.DEFAULT);
    }

    MasterHarness(PlacementPolicy policy, MasterConfig config) {
        master = new Master(config, policy, this, this);
    }

    @Override
    public void emit(long at, Command c) {
        commands.add(c);
        if (c instanceof Command.ScheduleTimer t) timers.computeIfAbsent(t.atMicros(), k -> new ArrayList<>()).add(t.timerId());
    }

    @Override
    public void taskStateChanged(long at, Task t, TaskState from) {
        if (t.state().isTerminal()) ended.add(t);
    }

    @Override
    public void jobEnded(long at, JobSpec job, boolean ok) {
        jobsEnded.add(job.id() + (ok ? ":ok" : ":failed"));
    }

    void in(Input i) { master.handle(now, i); }

    /** Moves time forward, firing due timers in order. */
    void advance(long micros) {
        long until = now + micros;
        while (!timers.isEmpty() && timers.firstKey() <= until) {
            Map.Entry<Long, List<Long>> e = timers.pollFirstEntry();
            now = e.getKey();
            for (long id : e.getValue()) master.handle(now, new Input.TimerFired(id));
        }
        now = until;
    }

    void agent(String id, long cpu, long mem) {
        in(new Input.AgentAdded(id, Resources.of(cpu, mem), Map.of()));
    }

    List<Command.Launch> launches() {
        return commands.stream().filter(c -> c instanceof Command.Launch).map(c -> (Command.Launch) c).toList();
    }

    Command.Launch lastLaunch() {
        List<Command.Launch> l = launches();
        return l.get(l.size() - 1);
    }

    void report(String taskId, TaskState s) {
        in(new Input.TaskStatus(taskId, s, s == TaskState.FAILED ? 1 : 0, ""));
    }
}
