package org.mesocosm.sim.decision;

import java.util.ArrayList;
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
 * decision), which lane holds each job, and the charges of a decision when its commit closes.
 *
 * <p>A job's wait is kept where it is spent: the lane that considers it (in a decide or a commit)
 * or says it waits there ({@link SchedulerLane#waitsHere}) holds it from then until another lane
 * does; the first lane to hold a job holds it from its submission. Each lane's waits are the time
 * it held its jobs, so the lanes' parts of a job's wait add up to the run's.
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
    /** The lane that holds each job now (looked up only, never iterated). */
    private final Map<String, TimedLane> holder = new HashMap<>();
    /** The lanes that held each job so far, in the order they first did (looked up only; each list is small). */
    private final Map<String, List<TimedLane>> followers = new HashMap<>();
    private final boolean[] isNew = new boolean[1];
    /** The decision whose decide is running, or null. */
    private TimedLane.Decision deciding;
    /** The decision whose commit is running, or null. */
    private TimedLane.Decision committing;
    /** Measured: the commit whose CPU time is being measured (its lane decides at commit), or null; and its CPU so far. */
    private TimedLane.Decision metering;
    private long meteredNanos;

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
        for (TimedLane l : followersOf(t.jobId())) l.waits.pending(t, now);
    }

    void withdrawn(Task t) {
        for (TimedLane l : followersOf(t.jobId())) l.waits.withdrawn(t);
        if (!runWaits.follows(t.jobId())) { // killed before it was placed: no lane follows it any more
            followers.remove(t.jobId());
            holder.remove(t.jobId());
        }
    }

    /** {@code considering()}: charged to the decide running, an attempt at no cost inside a commit, else free. */
    void consider(Task t) {
        if (deciding != null) {
            charge(deciding, t);
        } else if (committing != null) {
            take(committing.lane, t.jobId());
            committing.burst.consider(t, isNew);
        }
    }

    /** A launch: it takes effect now (a commit already runs when its decision's time has passed). */
    void placed(Task t, long now) {
        if (committing != null) {
            take(committing.lane, t.jobId());
            committing.burst.consider(t, isNew).placed++;
        }
        runWaits.placed(t, now);
        for (TimedLane l : followersOf(t.jobId())) l.waits.placed(t, now);
    }

    @Override
    public void waitsHere(TimedLane lane, Task t) { take(lane, t.jobId()); }

    private List<TimedLane> followersOf(String jobId) {
        List<TimedLane> l = followers.get(jobId);
        return l == null ? List.of() : l;
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
        if (c.tasks == 1) take(d.lane, t.jobId());
        if (time.mode() != DecisionTime.Mode.MODEL) return;
        long add = d.lane.taskMicros(t.kind(), time.taskMicros());
        if (c.tasks == 1) add += d.lane.jobMicros(t.kind(), time.jobMicros());
        c.costMicros += add;
        d.burst.modelMicros += add;
    }

    /** {@code lane} holds the job from now (the first lane to hold it: from its submission); the lane that held it lets go. */
    private void take(TimedLane lane, String jobId) {
        if (!runWaits.follows(jobId)) return;
        TimedLane h = holder.get(jobId);
        if (h == lane) return;
        long now = master.get().now();
        if (h != null) h.waits.release(jobId, now);
        lane.waits.take(runWaits, jobId, h == null ? -1 : now);
        holder.put(jobId, lane);
        List<TimedLane> f = followers.computeIfAbsent(jobId, k -> new ArrayList<>(2));
        if (!f.contains(lane)) f.add(lane);
    }

    @Override
    public <T> T decide(TimedLane.Decision d, Supplier<T> decide) {
        if (deciding != null) {
            throw new IllegalStateException("lane '" + deciding.lane.name + "': decide must not submit to lane '" + d.lane.name
                    + "' (decide reads the state; its commit acts on it)");
        }
        deciding = d;
        if (metering != null) meteredNanos += meter.end(); // a decide inside a measured commit is its own lane's, not the commit's
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
        if (metering != null) meter.start();
        if (d.burst.consideredAny()) d.lane.decisions++;
        d.lane.busyMicros += d.micros;
        return result;
    }

    @Override
    public void commit(TimedLane.Decision d, Runnable commit) {
        TimedLane.Decision outer = committing;
        committing = d;
        // measured, and the lane decides at commit: its commit's CPU is charged too (a nested commit's is its own)
        TimedLane.Decision outerMetering = metering;
        if (outerMetering != null) meteredNanos += meter.end();
        long outerNanos = meteredNanos;
        boolean charge = meter != null && d.lane.chargesCommit;
        metering = charge ? d : null;
        meteredNanos = 0;
        if (charge) meter.start();
        try {
            commit.run();
        } finally {
            committing = outer;
            if (charge) {
                d.commitMicros = (long) ((meteredNanos + meter.end()) * time.scale() / 1000.0);
                d.micros += d.commitMicros;
                d.lane.busyMicros += d.commitMicros;
            }
            metering = outerMetering;
            meteredNanos = outerNanos;
            if (outerMetering != null) meter.start();
        }
        close(d);
    }

    @Override
    public void scheduleCommit(long delayMicros, Runnable action) { master.get().schedule(delayMicros, action); }

    /**
     * The commit has returned: one attempt for each job the decision considered (the deciding
     * lane's); its time wasted if it placed nothing or failed. A job the run settles here (fully
     * placed, or abandoned) is settled on every lane that held it.
     */
    private void close(TimedLane.Decision d) {
        boolean placedAny = false;
        long wastedJobs = 0;
        for (Burst.Charge c : d.burst.jobs.values()) {
            if (c.placed > 0) placedAny = true;
            else wastedJobs += c.costMicros;
            boolean abandon = runWaits.attempted(c.jobId, time.maxAttempts(), time.mode() != DecisionTime.Mode.ZERO);
            if (abandon) abandoned.add(c.jobId);
            if (abandon) d.lane.waits.abandon(c.jobId);
            else d.lane.waits.attempted(c.jobId, time.maxAttempts(), false);
            if (runWaits.follows(c.jobId)) continue;
            List<TimedLane> f = followers.remove(c.jobId);
            holder.remove(c.jobId);
            if (f == null) continue;
            for (TimedLane l : f) {
                if (l == d.lane) continue;
                if (abandon) l.waits.drop(c.jobId);
                else l.waits.finish(c.jobId);
            }
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
