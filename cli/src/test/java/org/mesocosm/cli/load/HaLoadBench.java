package org.mesocosm.cli.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mesocosm.ha.HaNode;
import org.mesocosm.reports.stats.Estimate;

/**
 * What replication costs, not a unit test (its numbers depend on the machine; not in the default
 * suite, whose surefire includes end in Test): submissions/s acknowledged, and the submission
 * latency, of one master with its local input log against three replicated masters (Raft, mutual
 * TLS, all in one JVM on this machine), closed loop, for 16 and 64 client threads, in the same run.
 * The replicated masters run twice: with one log entry in flight at a time (as before pipelining,
 * {@code -Dmesocosm.ha.maxInFlight=1}) and pipelined (the default). Runs rotate the order of the
 * three set-ups seed by seed so that drift in the machine's load hits all; ratios are taken per
 * seed (paired). Rates and ratios cannot be negative: their 95% t-intervals are cut at 0
 * ({@link Estimate#bounded}). Also the replication lag the leader saw under that load.
 *
 * <p>Run: {@code mvn -B -o -pl cli -am test -Dtest=HaLoadBench -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dmesocosm.habench.runs=5 -Dmesocosm.habench.jobs=3000]}.
 */
class HaLoadBench {
    private static final int RUNS = Integer.getInteger("mesocosm.habench.runs", 5);
    private static final int JOBS = Integer.getInteger("mesocosm.habench.jobs", 3000);
    private static final int AGENTS = Integer.getInteger("mesocosm.habench.agents", 50);
    private static final String[] SETUPS = {"single", "HA, one entry in flight", "HA, pipelined"};

    @Test
    void submissionsPerSecondSingleVersusReplicated() throws Exception {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "HaLoadBench: %d jobs per run, %d agents, tasks 10-50 ms, %d runs (seeds 1-%d) per cell, set-ups rotating; machine load at start: %s%n",
                JOBS, AGENTS, RUNS, RUNS, loadAverage()));
        for (int clients : new int[] {16, 64}) {
            double[][] rate = new double[SETUPS.length][RUNS], p50 = new double[SETUPS.length][RUNS], p99 = new double[SETUPS.length][RUNS];
            List<Long> lagP50 = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            long[] unacked = new long[SETUPS.length];
            long lagMax = 0;
            for (int run = 0; run < RUNS; run++) {
                for (int k = 0; k < SETUPS.length; k++) {
                    int s = (run + k) % SETUPS.length;
                    LoadRun.Options o = LoadRun.Options.defaults(AGENTS, JOBS, clients).withRunMillis(10, 50).withSeed(run + 1).withTimeout(300)
                            .withHa(s > 0);
                    LoadReport r;
                    if (s == 1) System.setProperty(HaNode.MAX_IN_FLIGHT_PROPERTY, "1");
                    try {
                        r = LoadRun.run(o, LoadProgress.none());
                    } finally {
                        System.clearProperty(HaNode.MAX_IN_FLIGHT_PROPERTY);
                    }
                    // submissions that failed client-side (connect timeouts of 64 new TLS connections on a starved machine) are
                    // counted, not fatal: the rate is of acknowledged jobs; anything else wrong (a loss, a lost leader) is
                    List<String> wrong = r.problems().stream().filter(p -> !p.contains("submissions failed")).toList();
                    if (!wrong.isEmpty()) failed.add("clients " + clients + " run " + (run + 1) + " " + SETUPS[s] + ":\n" + r.table());
                    unacked[s] += r.failures().values().stream().mapToLong(Long::longValue).sum();
                    rate[s][run] = r.submissionsPerSecond();
                    p50[s][run] = r.submitP50Ms();
                    p99[s][run] = r.submitP99Ms();
                    System.err.printf(Locale.ROOT, "  clients %d run %d %s: %.0f submissions/s, submit p50 %.1f ms, p99 %.1f ms%s; load %s%n", clients,
                            run + 1, SETUPS[s], rate[s][run], p50[s][run], p99[s][run], s > 0 ? "; " + r.replication().describe() : "", loadAverage());
                    if (s == 2) {
                        long[] lag = r.replication().followerP50AndMax();
                        lagP50.add(lag[0]);
                        lagMax = Math.max(lagMax, lag[1]);
                    }
                }
            }
            assertTrue(failed.isEmpty(), "runs that lost something or lost their leader: " + failed);
            lagP50.sort(null);
            out.append(String.format(Locale.ROOT, "  %d clients (n=%d paired runs; means, 95%% t-intervals cut at 0):%n", clients, RUNS));
            for (int s = 0; s < SETUPS.length; s++) {
                out.append(String.format(Locale.ROOT, "    %-24s %s submissions/s, submit latency p50 %s ms, p99 %s ms; not acknowledged (client timeouts) %d%n",
                        SETUPS[s], text(rate[s], "%,.0f"), text(p50[s], "%.1f"), text(p99[s], "%.0f"), unacked[s]));
            }
            out.append(String.format(Locale.ROOT, "    HA/single submissions/s: one in flight %s, pipelined %s; pipelined/one in flight: submissions/s %s, p50 latency %s%n",
                    text(ratio(rate[1], rate[0]), "%.2f"), text(ratio(rate[2], rate[0]), "%.2f"), text(ratio(rate[2], rate[1]), "%.2f"),
                    text(ratio(p50[2], p50[1]), "%.2f")));
            out.append(String.format(Locale.ROOT, "    pipelined follower lag under load: p50 %d entries (median over runs), max %d entries%n",
                    lagP50.get(lagP50.size() / 2), lagMax));
        }
        System.err.print(out);
    }

    private static double[] ratio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i] / b[i];
        return r;
    }

    /** Mean and 95% t-interval, cut at 0 (rates, latencies and their ratios are never negative). */
    private static String text(double[] values, String format) {
        Estimate e = Estimate.of(values).bounded(0, Double.POSITIVE_INFINITY);
        String low = String.format(Locale.ROOT, format, e.ciLow()), high = String.format(Locale.ROOT, format, e.ciHigh());
        return String.format(Locale.ROOT, format, e.mean()) + (e.asymmetric() ? " [" + low + "\u2013" + high + "]" : " [" + low + ", " + high + "]")
                + " (runs: " + String.join(" ", Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, format, v)).toList()) + ")";
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip().split(" ")[0] + " (1-min load average; 2 cores)";
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
