package org.mesocosm.policies.easy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;

/**
 * FCFS with EASY backfilling over rigid jobs (gangs: all instances of a job's task group start
 * together or not at all).
 *
 * <p>One pass, whenever something changed (a job became complete in the queue, a task ended, a
 * machine came or went): start jobs from the head of the queue while they fit; then, if the head
 * does not fit, give it a reservation: the <em>shadow time</em> at which enough processors are
 * free for it, assuming each running job ends at its start plus its user estimate (a job past its
 * estimate is taken to end now), and the <em>extra</em> processors free at that time beyond what
 * the head needs. A later job is started (backfilled) if it fits now and either ends, by its own
 * estimate, by the shadow time, or needs no more than the extra processors (which it then uses
 * up). Estimates only inform the reservation: a job runs its real run time, so one that overruns
 * its estimate can delay the head, as on a real EASY machine.
 *
 * <p>Counting is in processors of the head's size: exact when every task asks for the same
 * amount (one processor per instance, as SWF jobs are replayed), an approximation otherwise.
 * Placement is first fit in agent order, on agents matching the node selector (Marathon-style
 * constraints are not checked: EASY places whole jobs by count). A job larger than the whole cluster (when empty) can
 * never start; it stays pending and does not block the queue.
 *
 * <p>The estimate comes from the task group's {@value #ESTIMATE_LABEL} label (seconds; the SWF
 * reader sets it from field 9). Without it a job has no known end: it can backfill only onto the
 * extra processors, and while running it never frees processors for a reservation.
 */
final class EasyScheduler implements PlacementPolicy {
    /** Same key as the SWF reader's label (the policies module does not depend on traces). */
    static final String ESTIMATE_LABEL = "requested_time_s";

    private final String name;
    private PlacementContext ctx;
    /** Gangs still collecting their instances, by key; looked up, never iterated. */
    private final Map<String, Gang> forming = new HashMap<>();
    /** Complete gangs waiting, in FCFS order (creation order of their first task). */
    private final List<Gang> queue = new ArrayList<>();
    /** Started gangs with tasks still active, for the reservation. */
    private final List<Gang> running = new ArrayList<>();
    private boolean passScheduled;

    EasyScheduler(String name) {
        this.name = name;
    }

    @Override
    public String name() { return name; }

    @Override
    public void init(PlacementContext ctx) {
        this.ctx = ctx;
    }

    /** The instances of one task group of one job form a gang; a retry (attempt > 0) is a gang of its own. */
    private static String key(Task t) {
        return t.attempt() == 0 ? t.jobId() + "\u0000" + t.spec().name() : t.id();
    }

    @Override
    public void taskPending(Task task) {
        String k = key(task);
        Gang g = forming.get(k);
        if (g == null) {
            int expected = task.attempt() == 0 ? task.spec().instances() : 1;
            g = new Gang(k, task.seq(), task.request(), task.spec().nodeSelector(), estimate(task), expected);
            forming.put(k, g);
        }
        g.pending.add(task);
        if (g.complete()) {
            forming.remove(k);
            enqueue(g);
        }
    }

    private static long estimate(Task t) {
        String v = t.spec().labels().get(ESTIMATE_LABEL);
        if (v == null) return Long.MAX_VALUE;
        try {
            long s = Long.parseLong(v.trim());
            return s < 0 ? Long.MAX_VALUE : Math.multiplyExact(s, 1_000_000L);
        } catch (NumberFormatException | ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private void enqueue(Gang g) {
        int i = queue.size();
        while (i > 0 && queue.get(i - 1).seq > g.seq) i--;
        queue.add(i, g);
        schedulePass();
    }

    @Override
    public void taskWithdrawn(Task task) {
        String k = key(task);
        Gang g = forming.get(k);
        if (g == null) {
            for (Gang q : queue) if (q.key.equals(k)) g = q;
        }
        if (g == null || !g.pending.remove(task)) return;
        g.expected--;
        if (g.pending.isEmpty()) {
            forming.remove(k);
            queue.remove(g);
        } else if (g.complete() && forming.remove(k) != null) {
            enqueue(g);
        }
        schedulePass();
    }

    @Override
    public void taskReleased(Task task) {
        if (task.placement() instanceof Gang g) {
            ctx.attach(task, null);
            g.launched.remove(task);
            if (g.launched.isEmpty()) running.remove(g);
        }
        schedulePass();
    }

    @Override
    public void agentAdded(Agent agent) { schedulePass(); }

    @Override
    public void agentFreed(Agent agent) { schedulePass(); }

    @Override
    public void agentRemoved(Agent agent) { schedulePass(); }

    /** One pass per instant, after every change of that instant (all instances of a new job are pending by then). */
    private void schedulePass() {
        if (passScheduled) return;
        passScheduled = true;
        ctx.schedule(0, this::pass);
    }

    private void pass() {
        passScheduled = false;
        int h = 0;
        while (h < queue.size()) {
            Gang head = queue.get(h);
            if (slotsFree(head) >= head.size()) {
                queue.remove(h);
                start(head);
            } else if (slotsWhenEmpty(head) < head.size()) {
                h++; // can never start on this cluster: skip it rather than block the queue
            } else {
                backfill(head, h);
                return;
            }
        }
    }

    /** EASY's step 2: the head's reservation, then later jobs that do not delay it. */
    private void backfill(Gang head, int headIndex) {
        long now = ctx.now();
        long[] reservation = reservation(head, now);
        long shadow = reservation[0];
        long extra = reservation[1];
        for (int i = headIndex + 1; i < queue.size(); ) {
            Gang g = queue.get(i);
            boolean fits = slotsFree(g) >= g.size();
            boolean endsInTime = g.endIfStartedAt(now) <= shadow;
            if (fits && (endsInTime || g.size() <= extra)) {
                if (!endsInTime) extra -= g.size();
                queue.remove(i);
                start(g);
            } else {
                i++;
            }
        }
    }

    /**
     * {shadow time, extra processors}: walking the running jobs in order of estimated end, the
     * first time enough processors of the head's size are free, and how many more than it needs
     * are free then. Never enough (estimates unknown): shadow = MAX, extra = what the running
     * jobs with known ends leave beyond the head's need, at least 0.
     */
    private long[] reservation(Gang head, long now) {
        List<Agent> agents = ctx.cluster().agents();
        Resources[] free = new Resources[agents.size()];
        long total = 0;
        for (Agent a : agents) {
            if (!head.canUse(a)) continue;
            free[a.index()] = a.free();
            total += slots(a.free(), head.request);
        }
        List<Task> ending = new ArrayList<>();
        for (Gang g : running) {
            for (Task t : g.launched) if (t.agent() != null && head.canUse(t.agent())) ending.add(t);
        }
        ending.sort(Comparator.comparingLong((Task t) -> endOf((Gang) t.placement(), now)).thenComparingLong(Task::seq));
        long need = head.size();
        for (int i = 0; i < ending.size(); i++) {
            Task t = ending.get(i);
            long end = endOf((Gang) t.placement(), now);
            if (end == Long.MAX_VALUE) break;
            int idx = t.agent().index();
            long before = slots(free[idx], head.request);
            free[idx] = free[idx].plus(t.request());
            total += slots(free[idx], head.request) - before;
            boolean lastAtThisTime = i + 1 == ending.size() || endOf((Gang) ending.get(i + 1).placement(), now) != end;
            if (total >= need && lastAtThisTime) return new long[] {end, total - need};
        }
        return new long[] {Long.MAX_VALUE, Math.max(0, total - need)};
    }

    /** A running job's estimated end; one already past its estimate is taken to end now. */
    private static long endOf(Gang g, long now) {
        return g.estimatedEnd == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(g.estimatedEnd, now);
    }

    private void start(Gang g) {
        long now = ctx.now();
        g.estimatedEnd = g.endIfStartedAt(now);
        List<Agent> agents = ctx.cluster().agents();
        int next = 0;
        for (Agent a : agents) {
            if (next == g.pending.size()) break;
            if (!g.canUse(a)) continue;
            long n = slots(a.free(), g.request);
            for (long k = 0; k < n && next < g.pending.size(); k++) {
                Task t = g.pending.get(next++);
                ctx.launch(t, a);
                ctx.attach(t, g);
                g.launched.add(t);
            }
        }
        if (next != g.pending.size()) throw new IllegalStateException("gang " + g.key + " was checked to fit but did not");
        g.pending.clear();
        running.add(g);
    }

    private long slotsFree(Gang g) {
        long n = 0;
        for (Agent a : ctx.cluster().agents()) if (g.canUse(a)) n += slots(a.free(), g.request);
        return n;
    }

    private long slotsWhenEmpty(Gang g) {
        long n = 0;
        for (Agent a : ctx.cluster().agents()) if (g.canUse(a)) n += slots(a.total(), g.request);
        return n;
    }

    /** How many tasks of {@code request} fit into {@code free}. */
    static long slots(Resources free, Resources request) {
        long n = Long.MAX_VALUE;
        n = dim(n, free.cpuMillis(), request.cpuMillis());
        n = dim(n, free.memMiB(), request.memMiB());
        n = dim(n, free.diskMiB(), request.diskMiB());
        n = dim(n, free.gpus(), request.gpus());
        return n == Long.MAX_VALUE ? 0 : Math.max(0, n);
    }

    private static long dim(long n, long free, long req) {
        return req <= 0 ? n : Math.min(n, free / req);
    }
}
