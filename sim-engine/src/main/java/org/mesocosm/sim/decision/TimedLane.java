package org.mesocosm.sim.decision;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.master.SchedulerLane;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;

/**
 * One scheduler of a policy with several (a {@link SchedulerLane}) whose decisions take time: its
 * own busy clock, its own FIFO queue, its own statistics. While the lane is free a submitted
 * decide runs at once, on the master's state of that moment; the lane is then busy for the
 * decision's time, and the commit runs when that time has passed, as an ordinary timer of the
 * master (so it is a deterministic event of the log). Lanes overlap each other; a decision that
 * costs nothing (under {@code zero}, or one that considered no task) commits at once, in the
 * same call. What a decision costs and who pays for it is the {@link TimedScheduler}'s business.
 */
final class TimedLane implements SchedulerLane {

    /** One decision: what it considered and placed ({@link Burst}), its time, whether its commit said it failed. */
    static final class Decision {
        final TimedLane lane;
        final Burst burst = new Burst();
        long micros;
        /** Measured, for a lane that decides at commit: the CPU time of its commit, which keeps the lane busy after it. */
        long commitMicros;
        boolean failed;

        Decision(TimedLane lane) { this.lane = lane; }
    }

    private record Submitted<T>(Supplier<T> decide, Consumer<T> commit) {
        void run(TimedLane lane) {
            Decision d = new Decision(lane);
            T result = lane.host.decide(d, decide);
            if (d.micros == 0) {
                lane.commit(d, () -> commit.accept(result));
            } else {
                lane.inFlight = true;
                lane.host.scheduleCommit(d.micros, () -> {
                    lane.inFlight = false;
                    lane.commit(d, () -> commit.accept(result));
                    lane.pump();
                });
            }
        }
    }

    /** What a lane needs from the scheduler it belongs to. */
    interface Host {
        /** Runs {@code decide} charging what it considers to {@code d}, and sets {@code d.micros}. */
        <T> T decide(Decision d, Supplier<T> decide);

        /** Runs {@code commit} with placements credited to {@code d}, then closes {@code d} (attempts, waste). */
        void commit(Decision d, Runnable commit);

        /** Runs {@code action} after {@code delayMicros} as a timer of the master (not of the policy: it never queues). */
        void scheduleCommit(long delayMicros, Runnable action);

        /** The task's job waits on {@code lane} from now ({@link SchedulerLane#waitsHere}). */
        void waitsHere(TimedLane lane, Task t);
    }

    final String name;
    private final DecisionPaths costs;
    private final Host host;
    private final ArrayDeque<Submitted<?>> queue = new ArrayDeque<>();
    /** A decision has been made and waits for its commit timer. */
    private boolean inFlight;
    /** Inside this lane's decide or commit: a submit made now queues. */
    private boolean running;
    private Decision committing;
    /** See {@link SchedulerLane#decidesAtCommit}. */
    boolean chargesCommit;

    // statistics
    final JobWaits waits = new JobWaits(true);
    long busyMicros;
    long wastedMicros;
    long decisions;
    long failedCommits;

    TimedLane(String name, DecisionPaths costs, Host host) {
        this.name = name;
        this.costs = costs;
        this.host = host;
    }

    @Override public String name() { return name; }

    @Override
    public <T> void submit(Supplier<T> decide, Consumer<T> commit) {
        queue.add(new Submitted<>(decide, commit));
        pump();
    }

    @Override public boolean busy() { return inFlight || running || !queue.isEmpty(); }

    @Override public void waitsHere(Task task) { host.waitsHere(this, task); }

    @Override public void decidesAtCommit() { chargesCommit = true; }

    @Override
    public void commitFailed() {
        if (committing == null) throw new IllegalStateException("lane '" + name + "': commitFailed() outside a commit");
        committing.failed = true;
    }

    /** Starts queued decisions while the lane is free; each either commits at once or leaves the lane in flight. */
    private void pump() {
        if (running) return;
        while (!inFlight && !queue.isEmpty()) {
            Submitted<?> next = queue.poll();
            running = true;
            try {
                next.run(this);
            } finally {
                running = false;
            }
        }
    }

    private void commit(Decision d, Runnable commit) {
        boolean wasRunning = running;
        Decision outer = committing;
        running = true;
        committing = d;
        try {
            host.commit(d, commit);
        } finally {
            committing = outer;
            running = wasRunning;
        }
        if (d.commitMicros > 0) { // measured CPU of a commit that decides: the lane is busy that long after it
            inFlight = true;
            host.scheduleCommit(d.commitMicros, () -> {
                inFlight = false;
                pump();
            });
        }
    }

    /** t_job for a job of this kind on this lane: its own if it has one, else the run's. */
    long jobMicros(JobKind k, long runs) {
        long v = costs == null ? -1 : costs.jobMicros(k);
        return v >= 0 ? v : runs;
    }

    long taskMicros(JobKind k, long runs) {
        long v = costs == null ? -1 : costs.taskMicros(k);
        return v >= 0 ? v : runs;
    }

    /** The lane's keys for summary.json's {@code schedulers}: the same as a whole policy's. */
    Map<String, Object> summary(long endMicros) {
        Map<String, Object> s = TimedScheduler.schedulerKeys(busyMicros, wastedMicros, decisions, waits, endMicros);
        s.put("commits_failed", failedCommits);
        return s;
    }
}
