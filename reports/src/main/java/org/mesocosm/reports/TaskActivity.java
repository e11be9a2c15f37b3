package org.mesocosm.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened on which node and when, from {@code tasks.csv}: each placed attempt's CPU
 * request held on its agent from placement to end, and the end times of attempts that did not
 * finish well. A second streaming pass beside {@link TaskDistributions}, which keeps only
 * distributions.
 *
 * @param agents agent ids that held at least one placed attempt, sorted (so neighbouring rows
 *     of the heat map are neighbouring ids, e.g. one rack)
 * @param agentIndex per placed attempt, index into {@code agents}
 * @param placedS per placed attempt, simulated seconds
 * @param endS per placed attempt, simulated seconds, NaN when it had not ended at the end of the run
 * @param cores per placed attempt, requested CPU in cores
 * @param failedEndS end times of FAILED attempts
 * @param lostEndS end times of LOST attempts
 * @param killedEndS end times of KILLED attempts (preemptions and kills on request)
 * @param lastTimeS latest time seen in any time column
 */
record TaskActivity(List<String> agents, int[] agentIndex, double[] placedS, double[] endS, double[] cores,
        double[] failedEndS, double[] lostEndS, double[] killedEndS, double lastTimeS) {

    int placements() {
        return placedS.length;
    }

    static TaskActivity read(Path file) throws IOException {
        try (CsvFile csv = CsvFile.open(file)) {
            int placed = csv.column("placed_s");
            int end = csv.column("end_s");
            int ready = csv.column("ready_s");
            int cpu = csv.column("cpu_m");
            int agent = csv.column("agent");
            int state = csv.column("state");
            // Ids are numbered in first-seen order while reading, then renumbered in sorted order.
            Map<String, Integer> firstSeen = new TreeMap<>();
            Ints agentOf = new Ints();
            Doubles placedAt = new Doubles();
            Doubles endAt = new Doubles();
            Doubles coresOf = new Doubles();
            Doubles failed = new Doubles();
            Doubles lost = new Doubles();
            Doubles killed = new Doubles();
            double last = 0;
            while (csv.next()) {
                double p = csv.optionalNumber(placed);
                double e = csv.optionalNumber(end);
                last = max(last, csv.optionalNumber(ready), p, e);
                String st = csv.requiredText(state);
                if (!Double.isNaN(e)) {
                    switch (st) {
                        case "FAILED" -> failed.add(e);
                        case "LOST" -> lost.add(e);
                        case "KILLED" -> killed.add(e);
                        default -> { }
                    }
                }
                String a = csv.text(agent);
                if (Double.isNaN(p) || a == null || a.isEmpty()) {
                    continue;
                }
                double c = csv.number(cpu);
                if (c < 0) {
                    throw csv.error(cpu, "negative CPU request " + c);
                }
                Integer idx = firstSeen.get(a);
                if (idx == null) {
                    idx = firstSeen.size();
                    firstSeen.put(a, idx);
                }
                agentOf.add(idx);
                placedAt.add(p);
                endAt.add(e);
                coresOf.add(c / 1000.0);
            }
            List<String> sorted = new ArrayList<>(firstSeen.keySet());
            int[] rank = new int[sorted.size()];
            for (int r = 0; r < sorted.size(); r++) {
                rank[firstSeen.get(sorted.get(r))] = r;
            }
            int[] idx = agentOf.toArray();
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rank[idx[i]];
            }
            return new TaskActivity(List.copyOf(sorted), idx, placedAt.toArray(), endAt.toArray(), coresOf.toArray(),
                    failed.toArray(), lost.toArray(), killed.toArray(), last);
        }
    }

    private static double max(double m, double... vs) {
        for (double v : vs) {
            if (v > m) {
                m = v;
            }
        }
        return m;
    }

    /** A growable int array. */
    private static final class Ints {
        private int[] values = new int[256];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
