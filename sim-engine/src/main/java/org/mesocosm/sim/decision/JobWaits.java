package org.mesocosm.sim.decision;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.metrics.LongSamples;
import org.mesocosm.runtime.model.JobKind;

/**
 * Per job, from the moment its first task reached the scheduler: the wait until its first task
 * was placed and until it was fully placed (placement times are when the decision that made them
 * took effect), and how many scheduling attempts that took. A job is followed once: tasks it gets
 * later (relaunches, later pipeline stages) do not count again.
 *
 * <p>A lane's waits ({@link #held()}) count only the time the lane held the job ({@link #take},
 * {@link #release}): a job that waits for a Mesos allocator's offers and then for its framework's
 * decision has each part of its wait on the lane where it was spent, and the parts add up to the
 * run's wait. A lane's figures cover the jobs it held before that point (before the first
 * placement, before the full one); its attempts, the jobs its own decisions considered.
 */
final class JobWaits {

    private static final class Rec {
        final JobKind kind;
        final long submitAt;
        int pending;
        int attempts;
        long firstAt = -1;
        long fullAt = -1;
        /** Held mode: since when the lane holds the job (-1: not now), and the time it held it before each placement. */
        long heldSince = -1;
        long heldFirst;
        long heldFull;
        boolean heldBeforeFirst;
        boolean heldBeforeFull;

        Rec(JobKind kind, long submitAt) {
            this.kind = kind;
            this.submitAt = submitAt;
        }
    }

    /** Looked up by id only, never iterated: its order cannot reach a decision or an output. */
    private final Map<String, Rec> open = new HashMap<>();
    private final Set<String> settled = new HashSet<>();
    private final Map<JobKind, LongSamples> firstByKind = new EnumMap<>(JobKind.class);
    private final Map<JobKind, LongSamples> fullByKind = new EnumMap<>(JobKind.class);
    private final LongSamples first = new LongSamples();
    private final LongSamples full = new LongSamples();
    private final LongSamples attempts = new LongSamples();
    private long abandoned;
    /** True for a lane's waits: the time it held each job, not the whole span. */
    private final boolean held;

    /** The run's waits: from submission to placement. */
    JobWaits() { this(false); }

    /** @param held a lane's waits: only the time the lane held each job ({@link #take}, {@link #release}) */
    JobWaits(boolean held) { this.held = held; }

    boolean held() { return held; }

    void pending(Task t, long now) {
        String id = t.jobId();
        if (settled.contains(id)) return;
        Rec r = open.get(id);
        if (r == null) {
            r = new Rec(t.kind(), now);
            open.put(id, r);
        }
        r.pending++;
    }

    /** A pending task was taken back (its job was killed): the job no longer waits for it. */
    void withdrawn(Task t) {
        Rec r = open.get(t.jobId());
        if (r != null && --r.pending <= 0 && r.fullAt < 0) {
            open.remove(t.jobId());
            settled.add(t.jobId());
        }
    }

    /** A task was placed; the placement takes effect at {@code at}. */
    void placed(Task t, long at) {
        Rec r = open.get(t.jobId());
        if (r == null) return;
        if (r.firstAt < 0) {
            r.firstAt = at;
            if (r.heldSince >= 0) r.heldFirst += at - r.heldSince;
        }
        if (--r.pending <= 0) {
            if (r.fullAt < 0 && r.heldSince >= 0) r.heldFull += at - r.heldSince;
            r.fullAt = at;
        }
    }

    /**
     * A decision considered the job: one more attempt. Returns true when the job, still not fully
     * placed, has now had {@code maxAttempts} attempts and must be abandoned.
     */
    boolean attempted(String jobId, int maxAttempts, boolean mayAbandon) {
        Rec r = open.get(jobId);
        if (r == null) return false;
        r.attempts++;
        if (r.fullAt >= 0) {
            settleFull(jobId, r);
            return false;
        }
        if (mayAbandon && r.attempts >= maxAttempts) {
            settle(jobId, r);
            abandoned++;
            return true;
        }
        return false;
    }

    /**
     * Held mode: the lane holds the job from {@code at}, or from its submission when {@code at} is
     * negative (the first lane to take a job has held it all along). Starts following it, with the
     * tasks outstanding that {@code from} (the run's waits) knows of; no-op when {@code from} does
     * not follow it, this lane settled it already, or holds it now.
     */
    void take(JobWaits from, String jobId, long at) {
        Rec r = open.get(jobId);
        if (r == null) {
            Rec src = from.open.get(jobId);
            if (src == null || settled.contains(jobId)) return;
            r = new Rec(src.kind, src.submitAt);
            r.pending = src.pending;
            r.firstAt = src.firstAt;
            r.fullAt = src.fullAt;
            open.put(jobId, r);
        }
        if (r.heldSince >= 0) return;
        r.heldSince = at < 0 ? r.submitAt : at;
        if (r.firstAt < 0) r.heldBeforeFirst = true;
        if (r.fullAt < 0) r.heldBeforeFull = true;
    }

    /** Held mode: another lane takes the job at {@code at}; the time this one held it is kept. */
    void release(String jobId, long at) {
        Rec r = open.get(jobId);
        if (r == null || r.heldSince < 0) return;
        if (r.firstAt < 0) r.heldFirst += at - r.heldSince;
        if (r.fullAt < 0) r.heldFull += at - r.heldSince;
        r.heldSince = -1;
    }

    /** Settles a job another lane's decision placed fully (no attempt of this lane's). */
    void finish(String jobId) {
        Rec r = open.get(jobId);
        if (r != null && r.fullAt >= 0) settleFull(jobId, r);
    }

    /** Stops following a job another lane's decision abandoned: its waits so far stand, it is not this lane's abandonment. */
    void drop(String jobId) {
        Rec r = open.get(jobId);
        if (r != null) settle(jobId, r);
    }

    /** True while the job is followed and not yet settled. */
    boolean follows(String jobId) { return open.containsKey(jobId); }

    /** One more attempt, after which the job is abandoned whatever its count (another tracker decided). */
    void abandon(String jobId) {
        Rec r = open.get(jobId);
        if (r == null) return;
        r.attempts++;
        settle(jobId, r);
        abandoned++;
    }

    private void settleFull(String jobId, Rec r) {
        settle(jobId, r);
        if (held && !r.heldBeforeFull) return;
        long w = held ? r.heldFull : r.fullAt - r.submitAt;
        full.add(w);
        fullByKind.computeIfAbsent(r.kind, k -> new LongSamples()).add(w);
    }

    private void settle(String jobId, Rec r) {
        open.remove(jobId);
        settled.add(jobId);
        if (!held || r.attempts > 0) attempts.add(r.attempts); // a lane that only held the job made no attempt at it
        if (r.firstAt >= 0 && (!held || r.heldBeforeFirst)) {
            long w = held ? r.heldFirst : r.firstAt - r.submitAt;
            first.add(w);
            firstByKind.computeIfAbsent(r.kind, k -> new LongSamples()).add(w);
        }
    }

    long abandoned() { return abandoned; }

    /** Jobs that reached the scheduler and were neither fully placed, abandoned nor killed by the end. */
    int unsettled() { return open.size(); }

    /** The summary's wait and attempt keys (seconds; null means n/a: no job got that far). */
    void putInto(Map<String, Object> s) {
        s.put("job_wait_first_s", waitObject(first));
        s.put("job_wait_full_s", waitObject(full));
        Map<String, Object> fk = new LinkedHashMap<>();
        Map<String, Object> uk = new LinkedHashMap<>();
        for (JobKind k : JobKind.values()) {
            String name = k.name().toLowerCase(Locale.ROOT);
            fk.put(name, waitObject(firstByKind.getOrDefault(k, new LongSamples())));
            uk.put(name, waitObject(fullByKind.getOrDefault(k, new LongSamples())));
        }
        s.put("job_wait_first_s_by_kind", fk);
        s.put("job_wait_full_s_by_kind", uk);
        Map<String, Object> a = new LinkedHashMap<>();
        boolean none = attempts.size() == 0;
        a.put("mean", none ? null : round(attempts.mean()));
        a.put("p90", none ? null : attempts.percentile(0.90));
        a.put("p99", none ? null : attempts.percentile(0.99));
        a.put("max", none ? null : attempts.max());
        a.put("n", attempts.size());
        s.put("attempts_per_job", a);
        s.put("jobs_abandoned", abandoned);
        s.put("jobs_not_fully_placed_at_end", unsettled());
    }

    private static Map<String, Object> waitObject(LongSamples l) {
        Map<String, Object> o = new LinkedHashMap<>();
        boolean none = l.size() == 0;
        o.put("mean", none ? null : round(l.mean() / 1e6));
        o.put("p90", none ? null : round(l.percentile(0.90) / 1e6));
        o.put("n", l.size());
        return o;
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
