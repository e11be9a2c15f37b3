package org.mesocosm.ha;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.ha.ReplicatedMastersTest.Master;

/**
 * Where a replicated master's commit time goes, not a unit test (its numbers depend on the
 * machine; not in the default suite, whose surefire includes end in Test). Three masters in this
 * JVM (Ratis on loopback, mutual TLS, the CLI's election timing), no agents. Per group: the
 * latency of one proposal at a time ({@link HaNode#propose}, an empty entry: Raft alone), then job
 * submissions over HTTP to the leader by 1, 8 and 16 closed-loop clients (latency p50/p99 and
 * submissions/s). Groups alternate between one entry in flight (as before pipelining) and the
 * pipelined default, round by round, so that drift in the machine's load hits both; Ratis's own
 * timers (log flush, follower append, the leader's client-write time) are printed per group.
 *
 * <p>Run: {@code mvn -B -o -pl ha -am test -Dtest=HaCommitBench -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dmesocosm.hacommit.rounds=2 -Dmesocosm.hacommit.jobs=400]}.
 */
class HaCommitBench {
    private static final String JOB = "{\"kind\":\"batch\",\"tasks\":[{\"name\":\"t\",\"instances\":1,\"cpus\":0.1,\"mem\":16,\"command\":\"true\"}]}";
    private static final int ROUNDS = Integer.getInteger("mesocosm.hacommit.rounds", 2);
    private static final int JOBS = Integer.getInteger("mesocosm.hacommit.jobs", 400);
    private static final int[] CLIENTS = {1, 8, 16};

    @TempDir
    Path tmp;

    @Test
    void commitLatencyOneInFlightVersusPipelined() throws Exception {
        Map<String, List<String>> lines = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int k = 0; k < 2; k++) {
                int inFlight = (round % 2 == 0) == (k == 0) ? 1 : ReplicatedJournal.DEFAULT_MAX_IN_FLIGHT;
                System.setProperty(HaNode.MAX_IN_FLIGHT_PROPERTY, Integer.toString(inFlight));
                try {
                    measure(tmp.resolve("r" + round + "k" + k), inFlight, lines);
                } finally {
                    System.clearProperty(HaNode.MAX_IN_FLIGHT_PROPERTY);
                }
            }
        }
        StringBuilder out = new StringBuilder("HaCommitBench: " + ROUNDS + " rounds, " + JOBS + " jobs per client count; machine load at the end: "
                + loadAverage() + "\n");
        lines.forEach((k, v) -> out.append("  ").append(k).append(":\n").append(String.join("\n", v)).append("\n"));
        System.err.print(out);
    }

    private void measure(Path dir, int inFlight, Map<String, List<String>> lines) throws Exception {
        Peers group = ReplicatedMastersTest.loopbackGroup();
        PeerCertificates certs = new PeerCertificates(group.ids());
        List<Master> masters = new ArrayList<>();
        ReplicatedMastersTest http = new ReplicatedMastersTest();
        String mode = inFlight == 1 ? "one entry in flight" : inFlight + " entries in flight";
        try {
            for (String id : group.ids()) masters.add(ReplicatedMastersTest.start(dir.resolve(id), group, id, HaNode.Timing.DEFAULT, certs.of(id)));
            Master leader = ReplicatedMastersTest.awaitLeader(masters, java.time.Duration.ofSeconds(60));
            byte[] entry = new ReplicatedBatch(leader.node().incarnation(), leader.node().self(), "", new byte[0], Map.of()).encode();
            for (int i = 0; i < 50; i++) leader.node().propose(entry).get();
            long[] raw = new long[200];
            for (int i = 0; i < raw.length; i++) {
                long t0 = System.nanoTime();
                leader.node().propose(entry).get();
                raw[i] = System.nanoTime() - t0;
            }
            lines.computeIfAbsent(mode + ", propose one at a time", k -> new ArrayList<>()).add("    " + quantiles(raw) + "; load " + loadAverage());
            for (int clients : CLIENTS) {
                int per = JOBS / clients;
                long[] lat = new long[per * clients];
                AtomicInteger next = new AtomicInteger();
                long entries0 = leader.node().commitIndex();
                List<Thread> threads = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int c = 0; c < clients; c++) {
                    Thread t = new Thread(() -> {
                        for (int i = 0; i < per; i++) {
                            long s = System.nanoTime();
                            try {
                                HttpResponse<String> r = http.post(leader.url(), JOB);
                                if (r.statusCode() != 201) throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            lat[next.getAndIncrement()] = System.nanoTime() - s;
                        }
                    });
                    threads.add(t);
                    t.start();
                }
                for (Thread t : threads) t.join();
                double seconds = (System.nanoTime() - t0) / 1e9;
                lines.computeIfAbsent(mode + ", HTTP " + String.format(Locale.ROOT, "%02d", clients) + " clients", k -> new ArrayList<>())
                        .add(String.format(Locale.ROOT, "    %s, %.0f submissions/s, %.2f jobs per log entry; load %s", quantiles(lat), lat.length / seconds,
                                lat.length / (double) Math.max(1, leader.node().commitIndex() - entries0), loadAverage()));
            }
            System.err.println(mode + ": Ratis's timers\n" + ratisTimers());
        } finally {
            for (Master m : masters) m.close();
        }
    }

    /** Ratis's own timers (ratis-metrics-default), summed over this group's life. */
    private static String ratisTimers() {
        StringBuilder b = new StringBuilder();
        for (org.apache.ratis.metrics.RatisMetricRegistry r : org.apache.ratis.metrics.MetricRegistries.global().getMetricRegistries()) {
            var dw = ((org.apache.ratis.metrics.impl.RatisMetricRegistryImpl) r).getDropWizardMetricRegistry();
            dw.getTimers().forEach((name, t) -> {
                if (t.getCount() == 0 || !(name.contains("flushTime") || name.contains("follower_append_entry_latency") || name.contains("clientWriteRequest")
                        || name.contains("_latency") || name.contains("queueingDelay"))) return;
                var s = t.getSnapshot();
                b.append(String.format(Locale.ROOT, "    %s: n=%d p50 %.2f ms p99 %.2f ms%n", name, t.getCount(), s.getMedian() / 1e6, s.get99thPercentile() / 1e6));
            });
        }
        return b.toString();
    }

    private static String quantiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", s[(s.length - 1) / 2] / 1e6, s[(int) Math.ceil(0.99 * s.length) - 1] / 1e6,
                s[s.length - 1] / 1e6, s.length);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
