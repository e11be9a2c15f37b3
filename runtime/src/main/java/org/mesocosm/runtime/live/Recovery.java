package org.mesocosm.runtime.live;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.mesocosm.runtime.log.DurableInputLog;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.StateLog;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;

/**
 * Rebuilds a restarted master from its previous life's input log: the same inputs at the same
 * times give the same state. Commands are not sent again (they were sent, or lost with the old
 * process; agents re-registering reconcile either way); timers still outstanding are armed again,
 * and the agents that were up get one timeout from now to come back.
 */
final class Recovery {

    /** The driver's side of a replay; called on its event loop. */
    interface Target {
        /**
         * Hands one logged input to the master at its logged time: nothing is logged or sent again.
         * Returns false when the input was refused (it failed the same way when first applied).
         */
        boolean refeed(long at, Input in);

        /** Arms a timer the previous life set and never saw fire. */
        void armTimer(long atMicros, long timerId);

        /** Gives every agent the master knows as up one timeout from now to register again. */
        void expectAgentsBack();
    }

    private final Target target;
    /** Timers set while replaying and not fired yet: timer id -> when. */
    private final Map<Long, Long> timers = new HashMap<>();
    private boolean active;
    private long refused;

    Recovery(Target target) {
        this.target = target;
    }

    /** True while replaying: the master's commands then belong to the previous life. */
    boolean active() {
        return active;
    }

    /** A command the master emitted while replaying: only its timers matter, armed when the replay ends. */
    void command(Command c) {
        if (c instanceof Command.ScheduleTimer t) timers.put(t.timerId(), t.atMicros());
    }

    /**
     * Replays the previous life's inputs in {@code opened} on the event loop and waits for it,
     * however long a long history takes; then reports what was recovered.
     */
    RecoveryReport replayOn(ExecutorService loop, StateLog.Opened opened, long startNanos) throws IOException {
        DurableInputLog.Recovered r = opened.recovered();
        if (!r.entries().isEmpty()) {
            try {
                loop.submit(() -> replay(r.entries())).get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException x) throw x;
                throw new IOException("replaying the log failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while replaying the log");
            }
        }
        return new RecoveryReport(r.log().dir(), r.entries().size(), r.snapshotRecords(), r.truncatedTail(), opened.importedLegacy(),
                (System.nanoTime() - startNanos) / 1_000_000, refused);
    }

    /** On the event loop. */
    Void replay(List<InputLog.Entry> previous) {
        begin();
        for (InputLog.Entry e : previous) apply(e.at(), e.input());
        finish();
        return null;
    }

    /**
     * From now on the master's commands belong to another master's life: a hot standby applying
     * the leader's committed inputs is a replay that lasts until it takes over ({@link #finish}).
     * On the event loop.
     */
    void begin() {
        active = true;
    }

    /** One input of that other life, at its logged time. On the event loop, between {@link #begin} and {@link #finish}. */
    void apply(long at, Input in) {
        if (!active) throw new IllegalStateException("not replaying");
        if (in instanceof Input.TimerFired f) timers.remove(f.timerId());
        if (!target.refeed(at, in)) refused++;
    }

    /** The replay is over: this master acts from now on; timers still outstanding are armed, agents get a timeout to come back. */
    void finish() {
        active = false;
        timers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(t -> target.armTimer(t.getValue(), t.getKey()));
        timers.clear();
        target.expectAgentsBack();
    }

    /** Inputs refused on replay so far. */
    long refused() {
        return refused;
    }
}
