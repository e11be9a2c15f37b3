package org.mesocosm.cli.experiments;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Progress of an experiment on stderr: runs done, points done (a point is done when all its
 * seeds are), failures and retries, elapsed time and an ETA from the mean wall time per run so
 * far. Reads the wall clock only for these lines; no result depends on it.
 */
public final class RunProgress implements ExperimentEngine.Listener {
    private final PrintStream err;
    private final String label;
    private final int total;
    private final int[] pointOfRun;
    private final int[] seedsLeft;
    private final int points;
    private final boolean quiet;
    private final long start = System.nanoTime();
    private int done;
    private int pointsDone;
    private int failed;
    private int retried;

    /** @param pointOfRun index of the point each run belongs to (runs of one point share an index) */
    public RunProgress(PrintStream err, String label, int[] pointOfRun, boolean quiet) {
        this.err = err;
        this.label = label;
        this.total = pointOfRun.length;
        this.pointOfRun = pointOfRun.clone();
        int max = -1;
        for (int p : pointOfRun) max = Math.max(max, p);
        this.points = max + 1;
        this.seedsLeft = new int[points];
        for (int p : pointOfRun) seedsLeft[p]++;
        this.quiet = quiet;
    }

    /** Runs grouped by point: point i owns runs [i*seeds, (i+1)*seeds). */
    public static int[] pointsBySeeds(int points, int seeds) {
        int[] out = new int[points * seeds];
        for (int i = 0; i < out.length; i++) out[i] = i / seeds;
        return out;
    }

    public void start(int threads) {
        if (!quiet) {
            err.printf(Locale.ROOT, "%s %d run%s (%d point%s) on %d thread%s%n", label, total, total == 1 ? "" : "s", points,
                    points == 1 ? "" : "s", threads, threads == 1 ? "" : "s");
        }
    }

    @Override
    public void finished(int index, ExperimentEngine.Outcome<?, ?> o) {
        done++;
        if (--seedsLeft[pointOfRun[index]] == 0) pointsDone++;
        if (!o.ok()) failed++;
        if (o.attempts() > 1) retried++;
        if (o.attempts() > 1) {
            err.printf(Locale.ROOT, "%s run %s seed %d failed (%s)%s%n", label, o.run().point(), o.run().seed(), o.firstError(),
                    o.ok() ? "; the retry succeeded" : "; the retry failed too (" + o.error() + ")");
        }
        if (quiet) return;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = elapsed / done * (total - done);
        err.printf(Locale.ROOT, "%s %d/%d runs, %d/%d points done%s | %s elapsed%s%n", label, done, total, pointsDone, points,
                failed + retried == 0 ? "" : String.format(Locale.ROOT, " (%d retried, %d failed)", retried, failed),
                clock(elapsed), done == total ? "" : ", ETA " + clock(eta));
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** Failed runs as lines for stderr and failures.txt; empty when all succeeded. */
    public static List<String> failures(List<? extends ExperimentEngine.Outcome<?, ?>> outcomes) {
        return outcomes.stream().filter(o -> !o.ok())
                .map(o -> o.run().point() + " seed " + o.run().seed() + ": " + o.firstError() + "; retry: " + o.error())
                .toList();
    }
}
