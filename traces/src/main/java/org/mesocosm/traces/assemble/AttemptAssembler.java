package org.mesocosm.traces.assemble;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.InstanceFacts;
import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.PriorityBands;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TaskTraits;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceRecord;

/**
 * Turns Borg-style task events (Google 2011 and 2019: SUBMIT, SCHEDULE, then FINISH, FAIL, KILL,
 * EVICT or LOST) into replayable jobs. One task attempt (SUBMIT to its end) is one simulated
 * instance: it arrives at its submit time and runs for its recorded run time (end - schedule).
 * The trace's own resubmissions are its retries, so a failed or evicted attempt is followed by a
 * new SUBMIT and a new instance.
 *
 * <p>Jobs: the attempts a job submits at one instant (consecutive SUBMIT rows with the same job,
 * time and priority) form one replayed job, {@code <job>.<n>} (n counts batches in arrival order);
 * finished ones become a BATCH job, ones still open at the end a SERVICE job {@code <job>.<n>s}. The task count is the number of attempts.
 *
 * <p>Streaming: a job is handed out only when the end of every attempt in it is known, and in
 * time order, so the reader holds every attempt submitted since the oldest one still open. An
 * attempt still open {@code lookahead} after its submission (or at the end of the window or
 * input) is replayed as long-running: a SERVICE that runs until the simulation ends. That bounds
 * memory by the attempts submitted within one lookahead, whatever the trace length.
 *
 * <p>Window: times become {@code t - windowStart}; an attempt alive at the window start arrives at
 * time 0, keeping only its remaining run time (this is also how Google 2011's time-0 snapshot,
 * "before the trace", is replayed); one that ended before the start is dropped and counted.
 */
public final class AttemptAssembler {
    /** Event types common to the Google traces. */
    public enum Kind { SUBMIT, SCHEDULE, EVICT, FAIL, FINISH, KILL, LOST, UPDATE }

    private static final class Attempt {
        final long job;
        final long index;
        final long submit;
        long schedule = -1;
        long end = -1;
        long cpu;
        long mem;
        Outcome outcome;
        boolean dropped;
        Batch batch;
        TaskTraits traits = TaskTraits.NONE;
        // measured usage, weighted by sample length (see usage())
        double cpuTime;
        double cpuWeight;
        double memTime;
        double memWeight;

        Attempt(long job, long index, long submit, long cpu, long mem) {
            this.job = job;
            this.index = index;
            this.submit = submit;
            this.cpu = cpu;
            this.mem = mem;
        }
    }

    private static final class Batch {
        final long job;
        final long submit;
        final int priority;
        final String role;
        final long seq;
        /** Made of attempts first seen at their SCHEDULE (the trace holds no SUBMIT for them). */
        final boolean orphan;
        List<Attempt> attempts = new ArrayList<>(2);
        int open;
        boolean sealed;
        boolean done;

        Batch(long job, long submit, int priority, String role, long seq, boolean orphan) {
            this.orphan = orphan;
            this.job = job;
            this.submit = submit;
            this.priority = priority;
            this.role = role;
            this.seq = seq;
        }
    }

    private final long start;
    private final long lookahead;
    private final TraceOptions.RoleBy roles;
    private final ReadStats stats;
    private final MachineTracker machines;
    private final OrderedOutput out = new OrderedOutput();
    private final LongPairMap<Attempt> open = new LongPairMap<>();
    private final ArrayDeque<Batch> fifo = new ArrayDeque<>();
    private final JobBuilder finite = new JobBuilder();
    private final JobBuilder forever = new JobBuilder();
    private Batch last;
    private long seq;
    private long frontier;
    private boolean finished;

    public AttemptAssembler(TraceOptions opts, ReadStats stats) {
        this.start = opts.windowStartMicros();
        this.lookahead = opts.lookaheadMicros();
        this.roles = opts.roles();
        this.stats = stats;
        this.machines = new MachineTracker(stats);
    }

    public MachineTracker machines() { return machines; }

    /** Replay time of trace time {@code t}. */
    public long rel(long t) {
        return Math.max(t, start) - start;
    }

    /** Attempts whose end is not yet known. */
    public int openAttempts() { return open.size(); }

    /** Records assembled but not yet handed out. */
    public int buffered() { return out.size(); }

    /** Input has reached trace time {@code t}: attempts open for longer than the lookahead are settled. */
    public void advance(long t) {
        frontier = Math.max(frontier, t);
        while (!fifo.isEmpty()) {
            Batch h = fifo.peekFirst();
            if (h.done) {
                fifo.pollFirst();
            } else if (h.submit + lookahead < t) {
                fifo.pollFirst();
                settle(h, "replayed as long-running: still open after the lookahead");
            } else {
                break;
            }
        }
    }

    public void machineUp(long t, String id, Resources capacity, Map<String, String> attributes) {
        seal();
        WorkloadEvent.MachineUp e = machines.add(rel(t), id, capacity, attributes);
        if (e != null) out.add(e.atMicros(), nextSeq(), new TraceRecord(e, null));
    }

    public void machineDown(long t, String id, String reason) {
        seal();
        WorkloadEvent.MachineDown e = machines.remove(rel(t), id, reason);
        if (e != null) out.add(e.atMicros(), nextSeq(), new TraceRecord(e, null));
    }

    /**
     * One task event. {@code cpu}/{@code mem} are the request in millicores and MiB, or -1 when the
     * row leaves them empty; {@code user} is used as the role when roles are by user.
     */
    public void task(long t, long job, long index, Kind kind, int priority, long cpu, long mem, String user) {
        task(t, job, index, kind, priority, cpu, mem, user, TaskTraits.NONE);
    }

    /** As above, with the traits (constraints) the row gives the task; the submitting row's are kept. */
    public void task(long t, long job, long index, Kind kind, int priority, long cpu, long mem, String user, TaskTraits traits) {
        if (kind == Kind.SUBMIT) {
            submit(t, job, index, priority, cpu, mem, user);
            open.get(job, index).traits = traits;
            return;
        }
        Attempt a = open.get(job, index);
        if (kind == Kind.SCHEDULE && a == null) {
            stats.note("task scheduled without a recorded submit (arrives at its schedule time; delay unknown)");
            Attempt orphan = join(t, job, index, priority, cpu, mem, user, true);
            orphan.schedule = t;
            orphan.traits = traits;
            return;
        }
        seal();
        switch (kind) {
            case SCHEDULE -> {
                if (a.schedule >= 0) stats.note("task scheduled twice (first kept)");
                else a.schedule = t;
            }
            case UPDATE -> {
                if (a != null) fillRequest(a, cpu, mem, a.schedule < 0);
            }
            default -> {
                if (a == null) {
                    stats.note("task ended without a recorded start (not replayed)");
                    return;
                }
                fillRequest(a, cpu, mem, false);
                end(a, t, outcomeOf(kind));
            }
        }
    }

    /**
     * One usage sample of task {@code (job, index)} over {@code [from, to)}: {@code cpu} millicores
     * and {@code mem} MiB, each -1 when not measured. It joins the attempt open now; the attempt's
     * usage is the sample-length-weighted mean of the samples joined before it completes. False
     * when no attempt of the task is open (ended, settled as long-running, or never submitted).
     */
    public boolean usage(long from, long to, long job, long index, double cpu, double mem) {
        Attempt a = open.get(job, index);
        if (a == null) return false;
        double w = Math.max(1, to - from);
        if (cpu >= 0) {
            a.cpuTime += cpu * w;
            a.cpuWeight += w;
        }
        if (mem >= 0) {
            a.memTime += mem * w;
            a.memWeight += w;
        }
        return true;
    }

    /** A dimension no sample measured counts as fully used (its request): nothing is reclaimed from it. */
    private static TaskTraits withUsage(Attempt a, Resources req) {
        if (a.cpuWeight == 0 && a.memWeight == 0) return a.traits;
        long cpu = a.cpuWeight == 0 ? req.cpuMillis() : Math.round(a.cpuTime / a.cpuWeight);
        long mem = a.memWeight == 0 ? req.memMiB() : Math.round(a.memTime / a.memWeight);
        return new TaskTraits(a.traits.constraints(), new Resources(cpu, mem, 0, 0));
    }

    private void submit(long t, long job, long index, int priority, long cpu, long mem, String user) {
        Attempt prev = open.get(job, index);
        if (prev != null) {
            stats.note("task resubmitted while open (previous attempt ended there)");
            end(prev, t, prev.schedule >= 0 ? Outcome.KILLED : Outcome.ENDED_PENDING);
        }
        join(t, job, index, priority, cpu, mem, user, false);
    }

    /** A new open attempt, in the last batch when it is the same job, instant and kind, else in a new one. */
    private Attempt join(long t, long job, long index, int priority, long cpu, long mem, String user, boolean orphan) {
        Batch b = last;
        if (b == null || b.sealed || b.job != job || b.submit != t || b.priority != priority || b.orphan != orphan) {
            seal();
            String role = roles == TraceOptions.RoleBy.USER && user != null ? user : PriorityBands.band(priority);
            b = new Batch(job, t, priority, role, nextSeq(), orphan);
            fifo.addLast(b);
            last = b;
        }
        Attempt a = new Attempt(job, index, t, cpu, mem);
        a.batch = b;
        b.attempts.add(a);
        b.open++;
        open.put(job, index, a);
        return a;
    }

    private static void fillRequest(Attempt a, long cpu, long mem, boolean replace) {
        if (cpu >= 0 && (replace || a.cpu < 0)) a.cpu = cpu;
        if (mem >= 0 && (replace || a.mem < 0)) a.mem = mem;
    }

    private void end(Attempt a, long t, Outcome outcome) {
        open.remove(a.job, a.index);
        a.end = t;
        a.outcome = a.schedule < 0 ? Outcome.ENDED_PENDING : outcome;
        if (t < start) {
            a.dropped = true;
            stats.note("task ended before the window (not replayed)");
        }
        Batch b = a.batch;
        b.open--;
        if (b.open == 0 && b.sealed) complete(b);
    }

    private void seal() {
        Batch l = last;
        if (l != null && !l.sealed) {
            l.sealed = true;
            if (l.open == 0) complete(l);
        }
    }

    private static Outcome outcomeOf(Kind k) {
        return switch (k) {
            case FINISH -> Outcome.FINISHED;
            case FAIL -> Outcome.FAILED;
            case KILL -> Outcome.KILLED;
            case EVICT -> Outcome.EVICTED;
            case LOST -> Outcome.LOST;
            default -> throw new IllegalArgumentException("not an end event: " + k);
        };
    }

    /** Settles every attempt of {@code b} still open as long-running, then completes it. */
    private void settle(Batch b, String why) {
        b.sealed = true;
        for (Attempt a : b.attempts) {
            if (a.end >= 0 || a.dropped) continue;
            open.remove(a.job, a.index);
            a.outcome = a.schedule >= 0 ? Outcome.RUNNING_AT_END : Outcome.PENDING_AT_END;
            stats.note(why);
        }
        b.open = 0;
        complete(b);
    }

    private void complete(Batch b) {
        b.done = true;
        long effSubmit = Math.max(b.submit, start);
        for (Attempt a : b.attempts) {
            if (a.dropped) continue;
            Resources req = request(a);
            boolean scheduled = a.schedule >= 0;
            long effSched = Math.max(a.schedule, start);
            long delay = !scheduled ? InstanceFacts.NOT_SCHEDULED
                    // left-censored, so unknown rather than 0: no SUBMIT seen; or submitted before the
                    // window start (the replay shows only the part after it); or submitted at trace
                    // time 0, where the Google traces put everything that happened before the trace
                    : b.orphan || b.submit < start || b.submit == 0 ? InstanceFacts.CENSORED
                    : effSched - effSubmit;
            if (a.outcome == Outcome.RUNNING_AT_END || a.outcome == Outcome.PENDING_AT_END) {
                forever.add(req, withUsage(a, req), -1, delay, a.outcome);
            } else {
                finite.add(req, withUsage(a, req), scheduled ? a.end - effSched : 0, delay, a.outcome);
            }
        }
        b.attempts = List.of(); // done: keep only the batch shell in the FIFO
        long at = rel(b.submit);
        // ids number batches in arrival order: <job>.<n> for the finished part, <job>.<n>s for the long-running part
        String id = b.job + "." + b.seq / 2;
        if (!finite.isEmpty()) out.add(at, b.seq, finite.build(at, id, b.role, JobKind.BATCH, b.priority));
        if (!forever.isEmpty()) out.add(at, b.seq + 1, forever.build(at, id + "s", b.role, JobKind.SERVICE, b.priority));
    }

    private Resources request(Attempt a) {
        long cpu = Math.max(0, a.cpu);
        long mem = Math.max(0, a.mem);
        if (cpu == 0 && mem == 0) {
            // a task must ask for something; rows with missing info leave the request empty
            stats.note("task request missing or zero (replayed as 1 millicore)");
            cpu = 1;
        }
        return new Resources(cpu, mem, 0, 0);
    }

    /** Sequence numbers step by two: a batch may become a BATCH and a SERVICE job at one instant. */
    private long nextSeq() {
        seq += 2;
        return seq;
    }

    /** End of input (or of the window): every attempt still open is replayed as long-running. */
    public void finish() {
        if (finished) return;
        finished = true;
        seal();
        for (Batch b : fifo) if (!b.done) settle(b, "replayed as long-running: still open at the end of the window");
        fifo.clear();
        open.clear();
    }

    /** The next record that nothing still open can precede, or null (read more input, or the end). */
    public TraceRecord poll() {
        if (finished) return out.pollAny();
        while (!fifo.isEmpty() && fifo.peekFirst().done) fifo.pollFirst();
        if (fifo.isEmpty()) return out.pollAny();
        Batch h = fifo.peekFirst();
        return out.poll(rel(h.submit), h.seq);
    }
}
