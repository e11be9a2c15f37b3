package org.mesocosm.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of {@code timeline.csv}, one array per column, one element per sample. Times are
 * in hours; fractions stay 0..1. An empty field becomes NaN and shows as a gap in a chart.
 *
 * @param hours sample time, simulated hours since the start
 * @param cpuAlloc allocated CPU / CPU of up agents
 * @param memAlloc allocated memory / memory of up agents
 * @param agentsUp agents up
 * @param pending tasks pending
 * @param running tasks running
 * @param shares dominant share of each role, in header order
 */
record Timeline(double[] hours, double[] cpuAlloc, double[] memAlloc, double[] agentsUp,
        double[] pending, double[] running, List<RoleShare> shares) {

    static final String SHARE_PREFIX = "share:";

    /** The dominant share of one role over time. */
    record RoleShare(String role, double[] share) {
    }

    int samples() {
        return hours.length;
    }

    static Timeline read(Path file) throws IOException {
        try (CsvFile csv = CsvFile.open(file)) {
            int time = csv.column("time_s");
            int[] cols = {
                csv.column("cpu_alloc"), csv.column("mem_alloc"), csv.column("agents_up"),
                csv.column("tasks_pending"), csv.column("tasks_running")
            };
            List<Integer> shareCols = new ArrayList<>();
            for (int i = 0; i < csv.header().size(); i++) {
                String name = csv.header().get(i);
                if (name.startsWith(SHARE_PREFIX)) {
                    if (name.substring(SHARE_PREFIX.length()).isBlank()) {
                        throw new RunFileException(file, 1, name, "share column without a role name");
                    }
                    shareCols.add(i);
                }
            }
            Doubles hours = new Doubles();
            Doubles[] values = new Doubles[cols.length + shareCols.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = new Doubles();
            }
            double previous = Double.NEGATIVE_INFINITY;
            while (csv.next()) {
                double t = csv.number(time);
                if (t < previous) {
                    throw csv.error(time, "time goes backwards (" + t + " after " + previous + ")");
                }
                previous = t;
                hours.add(t / 3600.0);
                for (int i = 0; i < cols.length; i++) {
                    values[i].add(csv.optionalNumber(cols[i]));
                }
                for (int i = 0; i < shareCols.size(); i++) {
                    values[cols.length + i].add(csv.optionalNumber(shareCols.get(i)));
                }
            }
            List<RoleShare> shares = new ArrayList<>();
            for (int i = 0; i < shareCols.size(); i++) {
                String role = csv.header().get(shareCols.get(i)).substring(SHARE_PREFIX.length());
                shares.add(new RoleShare(role, values[cols.length + i].toArray()));
            }
            return new Timeline(hours.toArray(), values[0].toArray(), values[1].toArray(),
                    values[2].toArray(), values[3].toArray(), values[4].toArray(), List.copyOf(shares));
        }
    }
}
