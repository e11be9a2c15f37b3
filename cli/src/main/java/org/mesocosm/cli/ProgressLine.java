package org.mesocosm.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.mesocosm.sim.Simulation;

/**
 * A progress line on stderr: rewritten in place on a terminal, one line every few seconds
 * otherwise (logs, CI). Reads the wall clock only to pace its own output; the simulation
 * never sees it.
 */
final class ProgressLine implements Simulation.Progress {
    private final PrintStream err = System.err;
    private final boolean tty = System.console() != null;
    private final String label;
    private final long expectedTasks;
    private final long start = System.nanoTime();
    private long lastPrint;
    private boolean printedInPlace;

    ProgressLine(String label, long expectedTasks) {
        this.label = label;
        this.expectedTasks = expectedTasks;
    }

    @Override
    public void update(long simMicros, long events, long tasksEnded, long tasksCreated) {
        long t = System.nanoTime();
        long every = tty ? 200_000_000L : 5_000_000_000L;
        if (t - lastPrint < every) return;
        lastPrint = t;
        double wall = (t - start) / 1e9;
        String line = String.format(Locale.ROOT, "%s sim %s | %,d events (%,.0f/s) | tasks %,d created, %,d ended%s | %.1fs",
                label, clock(simMicros), events, events / Math.max(wall, 1e-9), tasksCreated, tasksEnded,
                expectedTasks > 0 ? String.format(Locale.ROOT, " of ~%,d", expectedTasks) : "", wall);
        if (tty) {
            err.print("\r" + line + "\u001b[K");
            printedInPlace = true;
        } else {
            err.println(line);
        }
    }

    void done() {
        if (printedInPlace) err.println();
    }

    static String clock(long micros) {
        long s = micros / 1_000_000;
        return s >= 86_400 ? String.format(Locale.ROOT, "%dd%02dh%02dm", s / 86_400, s % 86_400 / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%02dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60);
    }
}
