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
        active = true;
        for (InputLog.Entry e : previous) {
            if (e.input() instanceof Input.TimerFired f) timers.remove(f.timerId());
            if (!target.refeed(e.at(), e.input())) refused++;
        }
        active = false;
        timers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(t -> target.armTimer(t.getValue(), t.getKey()));
        target.expectAgentsBack();
        return null;
    }
}
