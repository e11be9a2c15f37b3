package org.mesocosm.cli.omegapaper;

import java.util.List;
import java.util.Locale;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.workloads.ClusterShapes;
import org.mesocosm.workloads.GoogleCell;
import org.mesocosm.workloads.GoogleLikeSettings;

/**
 * The cluster of the experiment and the google-like workload sized to it. {@code google-cell} is
 * 1,000 machines in the proportions of the Google 2011 cell (Reiss et al. 2012, Table 1; most are
 * half the largest machine), {@code google-cell:N} the same mix of N machines, and a plain number
 * N that many default nodes (32 cores, 128 GiB). The workload's arrival rate is per machine (the
 * trace's), and its standing services hold 30% of this cluster's CPU.
 */
record Cell(String spec, List<NodeGroup> groups, int machines) {
    static final int DEFAULT_MACHINES = 1_000;

    static Cell parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.equals("google-cell")) return googleCell(spec, DEFAULT_MACHINES);
            if (s.startsWith("google-cell:")) return googleCell(spec, Integer.parseInt(s.substring("google-cell:".length())));
            int n = Integer.parseInt(s);
            if (n < 1) throw new IllegalArgumentException("--cluster: at least 1 node, got " + n);
            return new Cell(spec, ClusterShapes.uniform(n, ClusterShapes.DEFAULT_NODE), n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--cluster: '" + spec + "' is not google-cell, google-cell:N or a node count N");
        }
    }

    private static Cell googleCell(String spec, int n) {
        if (n < 1) throw new IllegalArgumentException("--cluster: at least 1 machine, got " + n);
        return new Cell(spec, GoogleCell.nodeGroups(n, ClusterShapes.DEFAULT_NODE), n);
    }

    /** The google-like workload for this cell, arriving for {@code days}. */
    GoogleLikeSettings workload(double days) {
        return GoogleLikeSettings.forCluster(machines, ClusterShapes.DEFAULT_NODE).withCapacity(GoogleCell.capacity(groups)).withDays(days);
    }

    /** For the report: "1,000 machines of the Google cell mix (...)". */
    String describe() {
        var cap = GoogleCell.capacity(groups);
        return String.format(Locale.ROOT, "%,d machines (%s; %,d cores, %,d GiB in all)", machines,
                spec.toLowerCase(Locale.ROOT).startsWith("google-cell") ? "the Google 2011 cell's machine mix, Reiss et al. 2012 Table 1"
                        : "32 cores / 128 GiB each", cap.cpuMillis() / 1000, cap.memMiB() / 1024);
    }
}
