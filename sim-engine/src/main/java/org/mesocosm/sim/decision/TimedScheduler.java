package org.mesocosm.sim.decision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.master.SchedulerLane;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;

/**
 * One scheduler whose decisions take time: wraps a policy, keeps its busy clock and its queue.
 *
 * <p>While the scheduler is idle, whatever the master tells it reaches the policy at once and the
 * policy decides as before, on the master's current state (its launches claim resources at once,
 * so the state stays consistent); the decision costs {@link DecisionTime} (t_job per job it
 * considers plus t_task per task, or the CPU time measured), and each placement takes effect when
 * the scheduler got that far into the decision: the driver delays launches and kills by
 * {@link #elapsedMicros()}. When the input is handled the scheduler stays busy until the decision
 * ends; anything the master tells it meanwhile (new jobs, freed resources, its own timers) waits in
 * its queue, first in first out, and is handed over when it is free again: head-of-line blocking.
 *
 * <p>Under {@code zero} nothing waits and nothing is delayed: the wrapped policy sees exactly the
 * calls it always saw, so every digest stays what it was; only the statistics are kept.
 *
 * <p><b>Policies with lanes.</b> A policy that asks for {@link SchedulerLane}s (mesos frameworks,
 * omega schedulers) has its schedulers in the lanes, each a {@link TimedLane} with its own busy
 * clock and queue, and is then NOT also behind this single busy clock: its own code outside a
 * lane's decide (routing jobs to lanes, the bookkeeping of commits, offers) is free, inputs reach
 * it at once, and launches it makes take effect when made (a commit's launches are not delayed
 * again: the commit already runs when its decision's time has passed). What costs time is what a
 * lane's decide considers ({@code considering()}: t_job per job + t_task per task with the lane's
 * own {@link DecisionPaths}, else the run's model; measured: the CPU time of decide x scale);
 * {@code considering()} outside a decide is not charged. A policy that wants its coordinator
 * charged too (the Mesos allocator's own decision time) makes the coordinator a lane. Job waits
 * are kept for the run as a whole and per lane where they are spent: a lane holds a job from when
 * it considers it or the policy says the job waits there ({@link SchedulerLane#waitsHere}) until
 * another lane does (the first holder from the job's submission), and its waits are the time it
 * held its jobs; attempts per lane are its own decisions'; max-attempts counts a job's attempts
 * over all lanes. A lane's decide must not act on the master (launch, preempt, hold): that is the commit's.
 */
public final class TimedScheduler implements PlacementPolicy, DecisionDriver {
    private final PlacementPolicy inner;
    private final DecisionTime time;
    private final DecisionPaths paths;
    private final boolean measured;
    private final InnerContext innerCtx = new InnerContext();
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private final Map<Long, TimerAction> timers = new HashMap<>();
    private final Burst burst = new Burst();
    private final JobWaits waits = new JobWaits();
    private final List<String> abandoned = new ArrayList<>();
    private final boolean[] isNew = new boolean[1];
    /** The policy's lanes; none for a policy with one scheduler. */
    private final Lanes lanes;
    private PlacementContext ctx;
    private long busyUntil;
    private boolean replayScheduled;
    private boolean inPolicy;
    /** The policy's CPU time under measured, else null. */
    private final CpuMeter meter;
    private long measuredMicros;
    private long busyMicros;
    private long wastedMicros;
    private long decisions;

    public TimedScheduler(PlacementPolicy inner, DecisionTime time) {
        this.inner = inner;
        this.time = time;
        this.paths = inner instanceof DecisionPaths p ? p : null;
        this.measured = time.mode() == DecisionTime.Mode.MEASURED;
        this.meter = measured ? CpuMeter.ofThisThread() : null;
        this.lanes = new Lanes(time, meter, waits, abandoned, () -> ctx);
        if (paths != null && paths.hasPaths() && time.mode() != DecisionTime.Mode.MODEL) {
            throw new IllegalArgumentException("policy '" + inner.name() + "' sets a decision time per job kind (paths), which needs"
                    + " --decision-time model:... (got " + time.modeName() + ")");
        }
    }

    public PlacementPolicy inner() { return inner; }

    public DecisionTime decisionTime() { return time; }

    // ---- the policy as the master sees it ----

    @Override public String name() { return inner.name(); }

    @Override public int overcommitPercent() { return inner.overcommitPercent(); }

    @Override
    public void init(PlacementContext c) {
        this.ctx = c;
        inner.init(innerCtx);
    }

    @Override public void admit(org.mesocosm.runtime.model.JobSpec job) { inner.admit(job); }

    @Override
    public void taskPending(Task task) {
        waits.pending(task, ctx.now());
        lanes.pending(task, ctx.now());
        deliver(() -> inner.taskPending(task));
    }

    @Override
    public void taskWithdrawn(Task task) {
        waits.withdrawn(task);
        lanes.withdrawn(task);
        deliver(() -> inner.taskWithdrawn(task));
    }

    /** The answer to the policy's own launch, in the same call: never queued. */
    @Override
    public void taskLaunched(Task task) {
        boolean entered = enter();
        try {
            inner.taskLaunched(task);
        } finally {
            leave(entered);
        }
    }

    @Override public void taskReleased(Task task) { deliver(() -> inner.taskReleased(task)); }

    @Override public void agentAdded(Agent agent) { deliver(() -> inner.agentAdded(agent)); }

    @Override public void agentFreed(Agent agent) { deliver(() -> inner.agentFreed(agent)); }

    @Override public void agentRemoved(Agent agent) { deliver(() -> inner.agentRemoved(agent)); }

    @Override public String whyPending(Task task) { return inner.whyPending(task); }

    @Override public List<PolicyMetric> metrics() { return inner.metrics(); }

    // ---- the busy clock and the queue ----

    private void deliver(Runnable call) {
        if (waiting.isEmpty() && ctx.now() >= busyUntil) {
            run(call);
        } else {
            waiting.add(call);
            if (ctx.now() < busyUntil) scheduleReplay();
        }
    }

    private void run(Runnable call) {
        boolean entered = enter();
        try {
            call.run();
        } finally {
            leave(entered);
        }
    }

    private void scheduleReplay() {
        if (replayScheduled) return;
        replayScheduled = true;
        ctx.schedule(Math.max(0, busyUntil - ctx.now()), this::replay);
    }

    /** The scheduler is free: it takes queued work, in order, until a piece of it makes a decision. */
    private void replay() {
        replayScheduled = false;
        while (!waiting.isEmpty() && !burst.consideredAny()) run(waiting.poll());
    }

    @Override
    public long elapsedMicros() {
        if (lanes.any()) return 0; // lanes charge their own time; the policy's own code is free
        return switch (time.mode()) {
            case ZERO -> 0;
            case MODEL -> burst.modelMicros;
            case MEASURED -> measuredMicros; // as of the last placement or return from the policy
        };
    }

    @Override
    public void inputHandled(long now) {
        if (lanes.any()) {
            burst.clear();
            measuredMicros = 0;
            return;
        }
        long d = elapsedMicros();
        if (burst.consideredAny() || d > 0) {
            if (burst.consideredAny()) decisions++;
            busyMicros += d;
            busyUntil = now + d;
            boolean placedAny = false;
            for (Burst.Charge c : burst.jobs.values()) {
                if (c.placed > 0) placedAny = true;
                else if (time.mode() == DecisionTime.Mode.MODEL) wastedMicros += c.costMicros;
                if (waits.attempted(c.jobId, time.maxAttempts(), time.mode() != DecisionTime.Mode.ZERO)) abandoned.add(c.jobId);
            }
            if (measured && burst.consideredAny() && !placedAny) wastedMicros += d;
        }
        burst.clear();
        measuredMicros = 0;
        if (!waiting.isEmpty()) scheduleReplay();
    }

    @Override
    public List<String> takeAbandoned() {
        if (abandoned.isEmpty()) return List.of();
        List<String> out = List.copyOf(abandoned);
        abandoned.clear();
        return out;
    }

    // ---- cost of a decision ----

    private void consider(Task t) {
        if (lanes.any()) {
            lanes.consider(t);
            return;
        }
        Burst.Charge c = burst.consider(t, isNew);
        if (time.mode() != DecisionTime.Mode.MODEL) return;
        long add = 0;
        if (c.tasks == 1 && isNew[0]) add += jobMicros(t.kind());
        if (isNew[0]) add += taskMicros(t.kind());
        c.costMicros += add;
        burst.modelMicros += add;
    }

    private long jobMicros(JobKind k) {
        long v = paths == null ? -1 : paths.jobMicros(k);
        return v >= 0 ? v : time.jobMicros();
    }

    private long taskMicros(JobKind k) {
        long v = paths == null ? -1 : paths.taskMicros(k);
        return v >= 0 ? v : time.taskMicros();
    }

    private void placed(Task t) {
        if (lanes.any()) {
            lanes.placed(t, ctx.now());
            return;
        }
        if (measured) readClock();
        consider(t);
        burst.jobs.get(t.jobId()).placed++;
        waits.placed(t, ctx.now() + elapsedMicros());
    }

    // ---- CPU time of the policy's code (measured) ----
    // A segment of the meter runs from the outermost entry into the policy to its return, split at
    // each placement (so the placement takes effect as far into the decision as the policy got).
    // The master's work for the policy's own calls (launch bookkeeping) is inside the segment.
    // The meter reads the thread CPU clock about once per millisecond of wall time, not per call
    // (see CpuMeter for the method and its error).

    private boolean enter() {
        if (!measured || inPolicy || lanes.any()) return false;
        inPolicy = true;
        meter.start();
        return true;
    }

    private void leave(boolean entered) {
        if (!entered) return;
        burst.cpuNanos += meter.end();
        inPolicy = false;
        measuredMicros = (long) (burst.cpuNanos * time.scale() / 1000.0);
    }

    /** Brings the measured elapsed time up to now, for a placement made at this point of the decision. */
    private void readClock() {
        if (!inPolicy) return;
        burst.cpuNanos += meter.end();
        meter.start();
        measuredMicros = (long) (burst.cpuNanos * time.scale() / 1000.0);
    }

    // ---- statistics ----

    /**
     * The scheduler's keys for summary.json: busyness (fraction of {@code endMicros} spent
     * deciding; wasted: on attempts that placed nothing), decisions, job waits and attempts.
     */
    public Map<String, Object> summary(long endMicros) {
        if (!lanes.any()) return schedulerKeys(busyMicros, wastedMicros, decisions, waits, endMicros);
        return lanes.runSummary(endMicros);
    }

    /**
     * summary.json's {@code schedulers}: one entry per lane for a policy with lanes (in the order
     * the policy asked for them), else one entry, the policy's, keyed by its name.
     */
    public Map<String, Map<String, Object>> schedulers(long endMicros) {
        if (lanes.any()) return lanes.schedulers(endMicros);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        out.put(name(), summary(endMicros));
        return out;
    }

    /** The keys of one scheduler's entry: busyness over {@code endMicros} (useful, wasted), busy_s, decisions, waits. */
    static Map<String, Object> schedulerKeys(long busyMicros, long wastedMicros, long decisions, JobWaits waits, long endMicros) {
        Map<String, Object> s = new LinkedHashMap<>();
        double span = Math.max(1, endMicros);
        long busy = Math.min(busyMicros, Math.max(0, endMicros));
        s.put("busyness", JobWaits.round(busy / span));
        s.put("busyness_useful", JobWaits.round(Math.max(0, busy - wastedMicros) / span));
        s.put("busyness_wasted", JobWaits.round(Math.min(wastedMicros, busy) / span));
        s.put("busy_s", JobWaits.round(busyMicros / 1e6));
        s.put("decisions", decisions);
        waits.putInto(s);
        return s;
    }

    /** A timer of the policy: when it fires it is work like any other, queued if the scheduler is busy. */
    private final class TimerAction implements Runnable {
        final Runnable action;
        long id;
        boolean cancelled;

        TimerAction(Runnable action) { this.action = action; }

        @Override
        public void run() {
            deliver(() -> {
                timers.remove(id);
                if (!cancelled) action.run();
            });
        }
    }

    /** The master as the wrapped policy sees it: every call goes through, and is counted. */
    private final class InnerContext implements PlacementContext {
        @Override public long now() { return ctx.now(); }

        @Override public Cluster cluster() { return ctx.cluster(); }

        @Override
        public void launch(Task task, Agent agent) {
            lanes.notDeciding("launch");
            placed(task);
            ctx.launch(task, agent);
        }

        @Override
        public void launchReclaimed(Task task, Agent agent) {
            lanes.notDeciding("launch");
            placed(task);
            ctx.launchReclaimed(task, agent);
        }

        @Override public void attach(Task task, Object record) { ctx.attach(task, record); }

        @Override
        public void holdForOffer(Agent agent, Resources resources) {
            lanes.notDeciding("hold resources for an offer");
            ctx.holdForOffer(agent, resources);
        }

        @Override
        public void releaseOffer(Agent agent, Resources resources) {
            lanes.notDeciding("release an offer");
            ctx.releaseOffer(agent, resources);
        }

        @Override
        public void preempt(Task victim, Task preemptor) {
            lanes.notDeciding("preempt");
            consider(preemptor);
            ctx.preempt(victim, preemptor);
        }

        @Override
        public long schedule(long delayMicros, Runnable action) {
            TimerAction t = new TimerAction(action);
            t.id = ctx.schedule(delayMicros, t);
            timers.put(t.id, t);
            return t.id;
        }

        @Override
        public void cancel(long timerId) {
            ctx.cancel(timerId);
            TimerAction t = timers.remove(timerId);
            if (t != null) t.cancelled = true;
        }

        @Override public void considering(Task task) { consider(task); }

        @Override
        public SchedulerLane lane(String name, DecisionPaths costs) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("policy '" + inner.name() + "': a lane needs a name");
            return lanes.lane(name, costs);
        }
    }
}
