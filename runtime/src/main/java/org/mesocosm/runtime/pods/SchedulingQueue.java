package org.mesocosm.runtime.pods;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.mesocosm.runtime.master.Task;

/**
 * kube-scheduler's three queues. Active: pods to try now, in queue-sort order. Backoff: pods that
 * failed and wait out an exponential backoff before they may be tried again. Unschedulable: pods
 * that failed and wait for a cluster event that might help (then they go to backoff or, if their
 * backoff is over, to active), or for {@code maxUnschedulable} to pass.
 */
final class SchedulingQueue {
    private final SchedulerSettings settings;
    private final Profile profile;
    private final PriorityQueue<QueuedPod> active;
    private final PriorityQueue<QueuedPod> backoff;
    /** In the order they became unschedulable (so the oldest is first). */
    private final LinkedHashMap<Long, QueuedPod> unschedulable = new LinkedHashMap<>();
    private final Map<Long, QueuedPod> bySeq = new HashMap<>();

    SchedulingQueue(Profile profile, SchedulerSettings settings) {
        this.profile = profile;
        this.settings = settings;
        active = new PriorityQueue<>(profile.queueSort::compare);
        backoff = new PriorityQueue<>((a, b) -> a.backoffExpiry != b.backoffExpiry ? Long.compare(a.backoffExpiry, b.backoffExpiry)
                : Long.compare(a.seq(), b.seq()));
    }

    QueuedPod add(Task t, long now) {
        QueuedPod p = new QueuedPod(t);
        if (bySeq.putIfAbsent(t.seq(), p) != null) throw new IllegalStateException("task " + t.id() + " queued twice");
        toActive(p, now);
        return p;
    }

    QueuedPod get(Task t) { return bySeq.get(t.seq()); }

    boolean hasActive() { return !active.isEmpty(); }

    int size() { return bySeq.size(); }

    int activeSize() { return active.size(); }

    int backoffSize() { return backoff.size(); }

    int unschedulableSize() { return unschedulable.size(); }

    /** The next pod to try, now in flight, or null. */
    QueuedPod pop() {
        QueuedPod p = active.poll();
        if (p != null) {
            p.where = QueuedPod.Where.IN_FLIGHT;
            p.attempts++;
        }
        return p;
    }

    /** The pod left the queue for good (placed, or its task withdrawn). */
    void forget(QueuedPod p) {
        remove(p);
        bySeq.remove(p.seq());
        p.where = QueuedPod.Where.GONE;
    }

    /** An attempt failed: wait for an event that may help. */
    void unschedulable(QueuedPod p, long now, long pluginMask) {
        remove(p);
        p.unschedulablePlugins = pluginMask;
        p.backoffExpiry = now + settings.backoffMicros(p.attempts);
        p.unschedulableSince = now;
        p.where = QueuedPod.Where.UNSCHEDULABLE;
        unschedulable.put(p.seq(), p);
    }

    /** An attempt failed for an internal reason: just back off. */
    void backoff(QueuedPod p, long now) {
        remove(p);
        p.backoffExpiry = now + settings.backoffMicros(p.attempts);
        toBackoffOrActive(p, now);
    }

    /** Moves the unschedulable pods the event may help; returns how many moved. */
    int onEvent(ClusterEvent e, long now) {
        if (unschedulable.isEmpty()) return 0;
        int moved = 0;
        for (Iterator<QueuedPod> it = unschedulable.values().iterator(); it.hasNext(); ) {
            QueuedPod p = it.next();
            if (!profile.mayHelp(p.unschedulablePlugins, e, p.task())) continue;
            it.remove();
            toBackoffOrActive(p, now);
            moved++;
        }
        return moved;
    }

    /** Moves one unschedulable (or backing-off) pod to be tried again soon, e.g. after losing its nomination. */
    void retry(QueuedPod p, long now) {
        if (p.where == QueuedPod.Where.UNSCHEDULABLE) {
            unschedulable.remove(p.seq());
            toBackoffOrActive(p, now);
        }
    }

    /** Backoff over: to active. */
    void flushBackoff(long now) {
        while (!backoff.isEmpty() && backoff.peek().backoffExpiry <= now) toActive(backoff.poll(), now);
    }

    /** Unschedulable for longer than the limit: retried anyway. */
    void flushUnschedulable(long now) {
        List<QueuedPod> due = new ArrayList<>();
        for (QueuedPod p : unschedulable.values()) {
            if (p.unschedulableSince + settings.maxUnschedulableMicros() > now) break; // oldest first
            due.add(p);
        }
        for (QueuedPod p : due) {
            unschedulable.remove(p.seq());
            toBackoffOrActive(p, now);
        }
    }

    /** Every backing-off and unschedulable pod to active, in the order they came (see {@link PodScheduler#scheduleAllNow}). */
    void activateAll(long now) {
        while (!backoff.isEmpty()) toActive(backoff.poll(), now);
        List<QueuedPod> all = new ArrayList<>(unschedulable.values());
        unschedulable.clear();
        for (QueuedPod p : all) toActive(p, now);
    }

    /** When the next backoff ends, or Long.MAX_VALUE. */
    long nextBackoffExpiry() {
        return backoff.isEmpty() ? Long.MAX_VALUE : backoff.peek().backoffExpiry;
    }

    /** When the oldest unschedulable pod is due for a retry anyway, or Long.MAX_VALUE. */
    long nextUnschedulableFlush() {
        if (unschedulable.isEmpty()) return Long.MAX_VALUE;
        return unschedulable.values().iterator().next().unschedulableSince + settings.maxUnschedulableMicros();
    }

    private void toBackoffOrActive(QueuedPod p, long now) {
        if (p.backoffExpiry > now) {
            p.where = QueuedPod.Where.BACKOFF;
            backoff.add(p);
        } else {
            toActive(p, now);
        }
    }

    private void toActive(QueuedPod p, long now) {
        p.timestamp = now;
        p.where = QueuedPod.Where.ACTIVE;
        active.add(p);
    }

    private void remove(QueuedPod p) {
        switch (p.where) {
            case ACTIVE -> active.remove(p);
            case BACKOFF -> backoff.remove(p);
            case UNSCHEDULABLE -> unschedulable.remove(p.seq());
            default -> { }
        }
    }
}
