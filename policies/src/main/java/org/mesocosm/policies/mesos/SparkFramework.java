package org.mesocosm.policies.mesos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.offer.Offer;
import org.mesocosm.runtime.offer.OfferResponse;

/**
 * {@code spark}: an elastic framework with coarse-grained executors, as Spark runs on Mesos. An
 * executor is an offer the framework keeps: its resources stay held, whether or not tasks run in
 * them. The framework grows (keeps new offers as executors) while it has a backlog that its
 * executors have no room for, launches its tasks inside its executors, takes back into the executor
 * what a finished task freed, and gives an executor back once it has run nothing for the idle
 * timeout ({@code spark-idle}). Offers it does not need are declined with no filter.
 */
final class SparkFramework extends MesosFramework {
    private final long idleMicros;
    private final LinkedHashSet<Task> pending = new LinkedHashSet<>();
    /** By offer id: the order executors are filled in. */
    private final TreeMap<Long, Executor> executors = new TreeMap<>();
    /** The executor each running task runs in, by task: looked up, never iterated. */
    private final Map<Task, Executor> runningIn = new HashMap<>();
    long executorsStarted, executorsReleased;

    private static final class Executor {
        final long offerId;
        final Agent agent;
        Resources room;
        int running;
        long idleSince;

        Executor(Offer o, long now) {
            offerId = o.id();
            agent = o.agent();
            room = o.resources();
            idleSince = now;
        }
    }

    SparkFramework(String name, long idleMicros) {
        super(name);
        this.idleMicros = idleMicros;
    }

    int executors() { return executors.size(); }

    /** What the executors hold in all (room left plus what their tasks use). */
    Resources held() {
        Resources r = Resources.ZERO;
        for (Executor e : executors.values()) r = r.plus(e.room);
        for (Map.Entry<Task, Executor> e : runningIn.entrySet()) r = r.plus(e.getKey().request()); // a sum: order does not matter
        return r;
    }

    @Override
    public void taskPending(Task task) {
        pending.add(task);
        if (room(task) != null) scheduleDecision(); // an executor has room: no offer needed
    }

    @Override public void taskWithdrawn(Task task) { pending.remove(task); }

    @Override
    void taskLaunched(Task t) { pending.remove(t); }

    @Override
    Task anyPending() { return pending.isEmpty() ? null : pending.iterator().next(); }

    /** Backlog its executors cannot take: only then does it want offers. */
    @Override
    public boolean hasDemand() {
        for (Task t : pending) if (room(t) == null) return true;
        return false;
    }

    @Override
    public Resources minDemand() {
        long cpu = Long.MAX_VALUE, mem = Long.MAX_VALUE, disk = Long.MAX_VALUE, gpus = Long.MAX_VALUE;
        for (Task t : pending) {
            Resources r = t.request();
            cpu = Math.min(cpu, r.cpuMillis());
            mem = Math.min(mem, r.memMiB());
            disk = Math.min(disk, r.diskMiB());
            gpus = Math.min(gpus, r.gpus());
        }
        return pending.isEmpty() ? Resources.ZERO : new Resources(cpu, mem, disk, gpus);
    }

    private Executor room(Task t) {
        for (Executor e : executors.values()) if (e.agent.isUp() && e.room.fits(t.request()) && gpuFits(t, e)) return e;
        return null;
    }

    private static boolean gpuFits(Task t, Executor e) { return t.gpu().none() || e.agent.gpuFits(t.gpu()); }

    @Override
    void decide(List<Offer> offers) {
        List<Offer> all = new ArrayList<>(offers);
        for (Executor e : executors.values()) all.add(new Offer(e.offerId, e.agent, e.room));
        considerFitting(pending, all);
    }

    @Override
    void commit(List<Offer> offers) {
        dropLost();
        for (Offer o : offers) executors.put(o.id(), new Executor(o, ctx.now()));
        List<Executor> fresh = new ArrayList<>();
        for (Offer o : offers) fresh.add(executors.get(o.id()));
        for (Task t : new ArrayList<>(pending)) {
            Executor e = room(t);
            if (e == null) continue;
            allocator.launchFromOffer(this, e.offerId, t);
            e.room = e.room.minus(t.request());
            e.running++;
            runningIn.put(t, e);
        }
        for (Executor e : fresh) {
            if (e.running == 0) { // not needed after all: no executor
                executors.remove(e.offerId);
                answer(new OfferResponse.Decline(e.offerId, 0));
            } else {
                executorsStarted++;
            }
        }
    }

    /** Executors whose offer the allocator rescinded (their agent left). */
    private void dropLost() {
        executors.values().removeIf(e -> !allocator.isOutstanding(e.offerId));
    }

    @Override
    public void taskReleased(Task task) {
        Executor e = runningIn.remove(task);
        if (e == null || executors.get(e.offerId) != e || !allocator.isOutstanding(e.offerId)) return;
        e.running--;
        if (e.agent.isUp() && e.agent.free().fits(task.request())) { // the executor takes its task's share back
            allocator.growOffer(this, e.offerId, task.request());
            e.room = e.room.plus(task.request());
        }
        if (e.running == 0) {
            e.idleSince = ctx.now();
            ctx.schedule(idleMicros, () -> releaseIfIdle(e));
        }
        if (!pending.isEmpty()) scheduleDecision();
    }

    private void releaseIfIdle(Executor e) {
        if (executors.get(e.offerId) != e || e.running > 0 || ctx.now() - e.idleSince < idleMicros) return;
        executors.remove(e.offerId);
        if (!allocator.isOutstanding(e.offerId)) return;
        executorsReleased++;
        answer(new OfferResponse.Decline(e.offerId, 0));
    }

    @Override
    void agentRemoved(Agent a) { dropLost(); }
}
