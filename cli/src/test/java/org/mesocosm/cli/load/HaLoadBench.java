package org.mesocosm.cli.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mesocosm.reports.stats.Estimate;

/**
 * What replication costs, not a unit test (its numbers depend on the machine; not in the default
 * suite, whose surefire includes end in Test): submissions/s acknowledged by one master with its
 * local input log against three replicated masters (Raft, mutual TLS, all in one JVM on this
 * machine), closed loop, for 16 and 64 client threads, in the same run. Runs alternate between
 * the two set-ups seed by seed so that drift in the machine's load hits both; the ratio is taken
 * per seed (paired). Also the replication lag the leader saw under that load.
 *
 * <p>Run: {@code mvn -B -o -pl cli -am test -Dtest=HaLoadBench -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dmesocosm.habench.runs=5 -Dmesocosm.habench.jobs=3000]}.
 */
class HaLoadBench {
    private static final int RUNS = Integer.getInteger("mesocosm.habench.runs", 5);
    private static final int JOBS = Integer.getInteger("mesocosm.habench.jobs", 3000);
    private static final int AGENTS = Integer.getInteger("mesocosm.habench.agents", 50);

    @Test
    void submissionsPerSecondSingleVersusReplicated() throws Exception {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "HaLoadBench: %d jobs per run, %d agents, tasks 10-50 ms, %d runs (seeds 1-%d) per cell, set-ups alternating; machine load: %s%n",
                JOBS, AGENTS, RUNS, RUNS, loadAverage()));
        for (int clients : new int[] {16, 64}) {
            double[] single = new double[RUNS], ha = new double[RUNS], ratio = new double[RUNS];
            List<Long> lagP50 = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            long singleFailed = 0, haFailed = 0;
            long lagMax = 0;
            for (int run = 0; run < RUNS; run++) {
                boolean haFirst = run % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    boolean replicated = haFirst == (k == 0);
                    LoadRun.Options o = LoadRun.Options.defaults(AGENTS, JOBS, clients).withRunMillis(10, 50).withSeed(run + 1).withTimeout(300)
                            .withHa(replicated);
                    LoadReport r = LoadRun.run(o, LoadProgress.none());
                    // submissions that failed client-side (connect timeouts of 64 new TLS connections on a starved machine) are
                    // counted, not fatal: the rate is of acknowledged jobs; anything else wrong (a loss, a lost leader) is
                    List<String> wrong = r.problems().stream().filter(p -> !p.contains("submissions failed")).toList();
                    if (!wrong.isEmpty()) failed.add("clients " + clients + " run " + (run + 1) + (replicated ? " HA" : " single") + ":\n" + r.table());
                    long unacked = r.failures().values().stream().mapToLong(Long::longValue).sum();
                    if (replicated) haFailed += unacked;
                    else singleFailed += unacked;
                    System.err.printf(Locale.ROOT, "  clients %d run %d %s: %.0f submissions/s%s%n", clients, run + 1, replicated ? "HA" : "single",
                            r.submissionsPerSecond(), replicated ? "; " + r.replication().describe() : "");
                    if (replicated) {
                        ha[run] = r.submissionsPerSecond();
                        long[] lag = r.replication().followerP50AndMax();
                        lagP50.add(lag[0]);
                        lagMax = Math.max(lagMax, lag[1]);
                    } else {
                        single[run] = r.submissionsPerSecond();
                    }
                }
                ratio[run] = ha[run] / single[run];
            }
            assertTrue(failed.isEmpty(), "runs that lost something or lost their leader: " + failed);
            lagP50.sort(null);
            out.append(String.format(Locale.ROOT, "  %d clients: single %s/s, HA %s/s, HA/single %s (paired, n=%d); follower lag under load: "
                    + "p50 %d entries (median over runs), max %d entries; submissions not acknowledged (client timeouts): single %d, HA %d%n", clients, text(Estimate.of(single), "%,.0f"), text(Estimate.of(ha), "%,.0f"),
                    text(Estimate.of(ratio), "%.2f"), RUNS, lagP50.get(lagP50.size() / 2), lagMax, singleFailed, haFailed));
        }
        System.err.print(out);
    }

    private static String text(Estimate e, String format) {
        return String.format(Locale.ROOT, format, e.mean()) + " [" + String.format(Locale.ROOT, format, e.ciLow()) + ", "
                + String.format(Locale.ROOT, format, e.ciHigh()) + "]";
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip() + " (1/5/15-min load averages; 2 cores)";
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
