package org.mesocosm.cli.load;

import java.io.PrintStream;

/** A progress line on stderr: rewritten in place on a terminal, one line every few seconds otherwise (logs, CI). */
final class LoadProgress {
    private final PrintStream err;
    private final boolean tty;
    private long lastPrint;
    private boolean inPlace;

    LoadProgress(PrintStream err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    static LoadProgress stderr() { return new LoadProgress(System.err, System.console() != null); }

    static LoadProgress none() { return new LoadProgress(new PrintStream(PrintStream.nullOutputStream()), false); }

    void update(String line) {
        long t = System.nanoTime();
        if (lastPrint != 0 && t - lastPrint < (tty ? 200_000_000L : 5_000_000_000L)) return;
        lastPrint = t;
        if (tty) {
            err.print("\r" + line + "\u001b[K");
            inPlace = true;
        } else {
            err.println(line);
        }
    }

    /** A line that always shows (a phase starting or ending). */
    void say(String line) {
        done();
        err.println(line);
    }

    void done() {
        if (inPlace) err.println();
        inPlace = false;
    }
}
