package org.mesocosm.sim.decision;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.SchedulerLane;
import org.mesocosm.runtime.master.Task;

/**
 * The lanes of one policy under a {@link TimedScheduler} (see its class comment): who is deciding
 * or committing right now (so that {@code considering()} and launches are charged to the right
 * decision), which lane took each job over, and the charges of a decision when its commit closes.
 */
final class Lanes implements TimedLane.Host {
    private final DecisionTime time;
    /** The CPU time of decides under measured, else null. */
    private final CpuMeter meter;
    /** The run's job waits (all jobs, all lanes): the {@link TimedScheduler}'s own. */
    private final JobWaits runWaits;
    /** Jobs to abandon, shared with the {@link TimedScheduler}, which hands them to the driver. */
    private final List<String> abandoned;
    private final Supplier<PlacementContext> master;
    /** By name, in the order the policy asked for them. */
    private final Map<String, TimedLane> byName = new LinkedHashMap<>();
    /** The lane that took each job over (looked up only, never iterated). */
    private final Map<String, TimedLane> owner = new HashMap<>();
    private final boolean[] isNew = new boolean[1];
    /** The decision whose decide is running, or null. */
    private TimedLane.Decision deciding;
    /** The decision whose commit is running, or null. */
    private TimedLane.Decision committing;

    Lanes(DecisionTime time, CpuMeter meter, JobWaits runWaits, List<String> abandoned, Supplier<PlacementContext> master) {
        this.time = time;
        this.meter = meter;
        this.runWaits = runWaits;
        this.abandoned = abandoned;
        this.master = master;
    }

    /** True once the policy asked for a lane: from then on its time is charged per lane only. */
    boolean any() { return !byName.isEmpty(); }

    SchedulerLane lane(String name, DecisionPaths costs) {
        return byName.computeIfAbsent(name, n -> new TimedLane(n, costs, this));
    }

    void pending(Task t, long now) {
        TimedLane l = owner.get(t.jobId());
        if (l != null) l.waits.pending(t, now);
    }

    void withdrawn(Task t) {
        TimedLane l = owner.get(t.jobId());
        if (l != null) l.waits.withdrawn(t);
    }

    /** {@code considering()}: charged to the decide running, an attempt at no cost inside a commit, else free. */
    void consider(Task t) {
        if (deciding != null) {
            charge(deciding, t);
        } else if (committing != null) {
            adopt(committing.lane, t.jobId());
            committing.burst.consider(t, isNew);
        }
    }

    /** A launch: it takes effect now (a commit already runs when its decision's time has passed). */
    void placed(Task t, long now) {
        if (committing != null) {
            adopt(committing.lane, t.jobId());
            committing.burst.consider(t, isNew).placed++;
        }
        runWaits.placed(t, now);
        TimedLane l = owner.get(t.jobId());
        if (l != null) l.waits.placed(t, now);
    }

    /** Refuses an action on the master from inside a lane's decide: the contract of {@link SchedulerLane}. */
    void notDeciding(String what) {
        if (deciding != null) {
            throw new IllegalStateException("lane '" + deciding.lane.name + "': decide must not " + what
                    + " (decide reads the state; its commit acts on it)");
        }
    }

    /** A task considered in a decide: t_task, and t_job for the job's first task, with the lane's costs. */
    private void charge(TimedLane.Decision d, Task t) {
        Burst.Charge c = d.burst.consider(t, isNew);
        if (!isNew[0]) return;
        if (c.tasks == 1) adopt(d.lane, t.jobId());
        if (time.mode() != DecisionTime.Mode.MODEL) return;
        long add = d.lane.taskMicros(t.kind(), time.taskMicros());
        if (c.tasks == 1) add += d.lane.jobMicros(t.kind(), time.jobMicros());
        c.costMicros += add;
        d.burst.modelMicros += add;
    }

    /** The first lane to consider a job takes it over: its waits and attempts are that lane's. */
    private void adopt(TimedLane lane, String jobId) {
        if (owner.containsKey(jobId) || !runWaits.follows(jobId)) return;
        owner.put(jobId, lane);
        lane.waits.adoptFrom(runWaits, jobId);
    }

    @Override
    public <T> T decide(TimedLane.Decision d, Supplier<T> decide) {
        if (deciding != null) {
            throw new IllegalStateException("lane '" + deciding.lane.name + "': decide must not submit to lane '" + d.lane.name
                    + "' (decide reads the state; its commit acts on it)");
        }
        deciding = d;
        if (meter != null) meter.start();
        T result;
        try {
            result = decide.get();
        } finally {
            deciding = null;
        }
        d.micros = switch (time.mode()) {
            case ZERO -> 0;
            case MODEL -> d.burst.modelMicros;
            case MEASURED -> (long) (meter.end() * time.scale() / 1000.0);
        };
        if (d.burst.consideredAny()) d.lane.decisions++;
        d.lane.busyMicros += d.micros;
        return result;
    }

    @Override
    public void commit(TimedLane.Decision d, Runnable commit) {
        TimedLane.Decision outer = committing;
        committing = d;
        try {
            commit.run();
        } finally {
            committing = outer;
        }
        close(d);
    }

    @Override
    public void scheduleCommit(long delayMicros, Runnable action) { master.get().schedule(delayMicros, action); }

    /** The commit has returned: one attempt for each job the decision considered; its time wasted if it placed nothing or failed. */
    private void close(TimedLane.Decision d) {
        boolean placedAny = false;
        long wastedJobs = 0;
        for (Burst.Charge c : d.burst.jobs.values()) {
            if (c.placed > 0) placedAny = true;
            else wastedJobs += c.costMicros;
            boolean abandon = runWaits.attempted(c.jobId, time.maxAttempts(), time.mode() != DecisionTime.Mode.ZERO);
            if (abandon) abandoned.add(c.jobId);
            TimedLane l = owner.get(c.jobId);
            if (l == null) continue;
            if (abandon) l.waits.abandon(c.jobId);
            else l.waits.attempted(c.jobId, time.maxAttempts(), false);
        }
        if (d.failed) d.lane.failedCommits++;
        if (d.failed || !placedAny) d.lane.wastedMicros += d.micros;
        else if (time.mode() == DecisionTime.Mode.MODEL) d.lane.wastedMicros += wastedJobs;
    }

    /**
     * The policy's run-level keys: busyness is the lanes' mean (their busy time over lanes x
     * span), busy_s and decisions their sums, the waits the run's (every job, whichever lane).
     */
    Map<String, Object> runSummary(long endMicros) {
        long end = Math.max(0, endMicros);
        long busy = 0;
        long wasted = 0;
        long made = 0;
        long busyAll = 0;
        for (TimedLane l : byName.values()) {
            long b = Math.min(l.busyMicros, end);
            busy += b;
            wasted += Math.min(l.wastedMicros, b);
            made += l.decisions;
            busyAll += l.busyMicros;
        }
        Map<String, Object> s = TimedScheduler.schedulerKeys(busy, wasted, made, runWaits, end * byName.size());
        s.put("busy_s", JobWaits.round(busyAll / 1e6));
        s.put("lanes", byName.size());
        return s;
    }

    /** One entry per lane, in the order the policy asked for them. */
    Map<String, Map<String, Object>> schedulers(long endMicros) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (TimedLane l : byName.values()) out.put(l.name, l.summary(endMicros));
        return out;
    }
}
