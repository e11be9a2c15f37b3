package org.mesocosm.cli;

import java.io.PrintStream;
import java.util.Locale;

/** Progress of a long read on stderr: one line every few seconds (wall clock only paces the output). */
final class RecordProgress {
    private final PrintStream err = System.err;
    private final String label;
    private final long start = System.nanoTime();
    private long records;
    private long lastPrint = start;
    private boolean printed;

    RecordProgress(String label) {
        this.label = label;
    }

    void tick() {
        if ((++records & 0xffff) != 0) return;
        long t = System.nanoTime();
        if (t - lastPrint < 5_000_000_000L) return;
        lastPrint = t;
        printed = true;
        double wall = (t - start) / 1e9;
        err.println(String.format(Locale.ROOT, "[%s] %,d records (%,.0f/s) | %.1fs", label, records, records / wall, wall));
    }

    long records() { return records; }

    void done() {
        if (printed) err.println(String.format(Locale.ROOT, "[%s] %,d records in %.1fs", label, records, (System.nanoTime() - start) / 1e9));
    }
}
