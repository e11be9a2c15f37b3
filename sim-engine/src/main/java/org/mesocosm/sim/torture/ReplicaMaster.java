package org.mesocosm.sim.torture;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.PlacementPolicy;

/**
 * The master core of one simulated master, kept as the live HA master keeps it. As a hot standby it applies the
 * committed entries of the replicated log in order, carrying out nothing (its launches and kills were the leader's
 * business; its timers are remembered, as {@code MasterRecovery} does). Once its Raft node leads and has applied its
 * own first entry of the term, it is promoted: it re-arms the timers still pending and acts. The acting master
 * handles each input as it appends it (ahead of the commit), but what that input makes it do, launches and kills,
 * waits until the entry is committed by a majority ({@link #releaseUpTo}); a client's answer waits likewise. If it
 * stops leading it is fail-stop: its state may hold inputs the log will not, so the process is thrown away and
 * rebuilt from the committed log ({@link #rebuild}).
 */
final class ReplicaMaster {
    /** Where an acting master's commands go. */
    interface Outside {
        void armTimer(int replica, int epoch, long atMicros, long timerId);

        void release(int replica, long at, Command c);
    }

    /** Told of each entry a replica has both committed and applied, with the digest of its applied prefix. */
    interface AppliedListener {
        void applied(int replica, long index, long prefixDigest, RaftLog.Entry entry);
    }

    private record Held(long index, long at, Command command) {}

    final int id;
    private final MasterConfig config;
    private final Supplier<PlacementPolicy> policies;
    private final Supplier<MasterObserver> observers;
    private final Outside outside;
    private final AppliedListener listener;
    private final TreeMap<Long, Long> pendingTimers = new TreeMap<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private Master master;
    private boolean acting;
    private int epoch;
    private long applied;
    private long handled;
    private long handling;
    private long prefixDigest;
    private long changes;

    ReplicaMaster(int id, MasterConfig config, Supplier<PlacementPolicy> policies, Supplier<MasterObserver> observers, Outside outside,
                  AppliedListener listener) {
        this.id = id;
        this.config = config;
        this.policies = policies;
        this.observers = observers;
        this.outside = outside;
        this.listener = listener;
    }

    boolean isUp() { return master != null; }

    boolean acting() { return acting; }

    Master master() { return master; }

    /** Changes whenever the process dies or is promoted: timers armed by an earlier one are stale. */
    int epoch() { return epoch; }

    /** Grows whenever this master's state may have changed (an input handled, a new process): tells what to check again. */
    long changes() { return changes; }

    /** Entries committed and applied to this master. */
    long applied() { return applied; }

    /** A new process on this master's durable log: a standby that has applied the committed prefix. */
    void rebuild(RaftLog log) {
        down();
        pendingTimers.clear();
        master = new Master(config, policies.get(), this::emit, observers.get());
        applied = handled = 0;
        prefixDigest = 0;
        changes++;
        applyCommitted(log, log.commitIndex);
    }

    /** The process dies (a crash, or fail-stop on losing the leadership). */
    void down() {
        master = null;
        acting = false;
        held.clear();
        epoch++;
    }

    /** Applies what was committed up to {@code commit} and not yet applied; an acting master has handled those already. */
    void applyCommitted(RaftLog log, long commit) {
        if (master == null) return;
        for (long i = applied + 1; i <= commit; i++) {
            RaftLog.Entry e = log.get(i);
            if (i > handled) {
                if (acting) throw new IllegalStateException("m" + (id + 1) + " acts but has not handled committed entry " + i);
                handle(i, e);
            }
            prefixDigest = mix(prefixDigest, e.hash());
            applied = i;
            changes++;
            listener.applied(id, i, prefixDigest, e);
        }
    }

    /** The acting master handles an input it just appended at {@code index}. */
    void handleAsLeader(long index, RaftLog.Entry e) {
        if (!acting) throw new IllegalStateException("m" + (id + 1) + " does not act");
        handle(index, e);
    }

    private void handle(long index, RaftLog.Entry e) {
        changes++;
        handling = index;
        handled = index;
        if (e.input() == null) return;
        if (!acting && e.input() instanceof Input.TimerFired t) pendingTimers.remove(t.timerId());
        master.handle(e.at(), e.input());
    }

    /** Becomes the acting leader: the timers the old leader set and never saw fire are armed again, from now. */
    void promote(long now) {
        acting = true;
        epoch++;
        changes++;
        for (Map.Entry<Long, Long> t : pendingTimers.entrySet()) outside.armTimer(id, epoch, Math.max(now, t.getValue()), t.getKey());
        pendingTimers.clear();
    }

    /** Sends the launches and kills of every input up to {@code index} on to the agents. */
    void releaseUpTo(long index) {
        while (!held.isEmpty() && held.peekFirst().index() <= index) {
            Held h = held.pollFirst();
            outside.release(id, h.at(), h.command());
        }
    }

    private void emit(long at, Command c) {
        if (c instanceof Command.ScheduleTimer t) {
            if (acting) outside.armTimer(id, epoch, t.atMicros(), t.timerId());
            else pendingTimers.put(t.timerId(), t.atMicros());
        } else if (acting) {
            held.addLast(new Held(handling, at, c));
        }
    }

    private static long mix(long digest, long entryHash) {
        long z = digest * 0x9E3779B97F4A7C15L + entryHash;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
