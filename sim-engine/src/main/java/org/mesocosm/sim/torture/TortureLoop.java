package org.mesocosm.sim.torture;

import java.util.function.Consumer;
import org.mesocosm.sim.EventQueue;

/**
 * The event loop a torture run ({@link TortureRun}, {@link HaTortureRun}) turns: the virtual clock, the event queue, the
 * count of events, the trace; through the fault window and the quiet period, checking the invariants after every
 * event. A run says only how it handles an event, what it checks after one, and whether work that ends by itself is
 * still running.
 */
final class TortureLoop {
    /** A backlog can outlast the quiet period on a small cluster: running batch work gets this much more, at a time... */
    static final long EXTRA_QUIET_STEP = 300_000_000L;
    /** ...up to this much in all. */
    static final long EXTRA_QUIET_MAX = 3_600_000_000L;

    /** What a run does with the events of its loop. */
    interface Handler {
        void dispatch(TortureEvent e);

        /** Checks the invariants once an event was handled. */
        void afterEvent();

        /** True while a task of a job that ends by itself is active: the quiet period waits for it. */
        boolean finiteWorkRunning();
    }

    final EventQueue<TortureEvent> queue = new EventQueue<>();
    private final InvariantChecker checker;
    /** Who is named in a violation when handling an event throws ("the master core", "a master"). */
    private final String handlerName;
    private Consumer<String> trace;
    private long now;
    private long events;

    TortureLoop(InvariantChecker checker, String handlerName) {
        this.checker = checker;
        this.handlerName = handlerName;
    }

    long now() { return now; }

    long events() { return events; }

    void add(long at, TortureEvent e) { queue.add(at, e); }

    /** Prints every event (and what the run adds with {@link #trace(String)}) as it happens. */
    void traceTo(Consumer<String> out) { this.trace = out; }

    /** Whether a trace is written: a caller builds a line only then. */
    boolean tracing() { return trace != null; }

    void trace(String line) {
        if (trace != null) trace.accept(line);
    }

    /**
     * Runs through the fault window and the quiet period, extended while finite work runs (up to
     * {@link #EXTRA_QUIET_MAX}), or until an invariant fails; returns the end of the (extended) quiet period.
     */
    long runThroughQuiet(TortureSettings settings, Handler handler) {
        long end = settings.faultWindowMicros() + settings.quietMicros();
        long hardEnd = end + EXTRA_QUIET_MAX;
        while (true) {
            runUntil(end, handler);
            if (checker.failed() || end >= hardEnd || !handler.finiteWorkRunning()) return end;
            end += EXTRA_QUIET_STEP;
        }
    }

    /** Handles every event due by {@code end}, in order, stopping at the first violation. */
    void runUntil(long end, Handler handler) {
        while (!queue.isEmpty() && queue.peekTime() <= end) {
            now = queue.peekTime();
            TortureEvent e = queue.poll();
            events++;
            if (trace != null) trace.accept(now + " " + e);
            try {
                handler.dispatch(e);
            } catch (RuntimeException ex) {
                checker.fail(handlerName + " threw " + ex + " handling " + e);
            }
            handler.afterEvent();
            if (checker.failed()) return;
        }
    }
}
