package org.mesocosm.cli.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a load run measured and what it found wrong. Heap figures are of this whole JVM (master,
 * load agents and clients) after a full GC: the load clients' own bookkeeping is a few MiB.
 * CPU is split by thread ({@link CpuUsage}); null where the JVM cannot measure thread CPU time.
 */
record LoadReport(LoadRun.Options options, long acknowledged, Map<String, Long> failures, double submitSeconds, double submitP50Ms,
                  double submitP99Ms, double submitMaxMs, double statusP50Ms, double statusP99Ms, long statusRequests, long launches,
                  long ends, double totalSeconds, LoadAgent.Traffic traffic, CpuUsage.Split cpu, long heapBaselineBytes, long heapPeakBytes, long heapEndBytes, List<String> problems,
                  ReplicationLag replication) {

    boolean ok() { return problems.isEmpty(); }

    double submissionsPerSecond() { return acknowledged / Math.max(submitSeconds, 1e-9); }

    double tasksPerSecond() { return ends / Math.max(totalSeconds, 1e-9); }

    String table() {
        List<String[]> rows = new ArrayList<>();
        LoadRun.Options o = options;
        rows.add(row("agents", String.format(Locale.ROOT, "%d (%s each)", o.agents(), o.agentSize())));
        rows.add(row("policy", o.policy() + (o.ha() ? ", " + InProcessHaGroup.SIZE + " replicated masters (Raft, mutual TLS), load on the leader"
                : o.inputLog() ? ", input log on" : ", no input log")));
        rows.add(row("submissions", String.format(Locale.ROOT, "%,d by %d clients%s", o.jobs(), o.clients(),
                o.rate() > 0 ? String.format(Locale.ROOT, " at %.0f/s", o.rate()) : " (closed loop)")));
        rows.add(row("acknowledged", String.format(Locale.ROOT, "%,d (%,d failed%s)", acknowledged, failures.values().stream()
                .mapToLong(Long::longValue).sum(), failures.isEmpty() ? "" : ": " + failures)));
        rows.add(row("submissions/s", String.format(Locale.ROOT, "%,.0f (%,d in %.2f s)", submissionsPerSecond(), acknowledged, submitSeconds)));
        rows.add(row("submit latency", String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms", submitP50Ms, submitP99Ms, submitMaxMs)));
        rows.add(row("status latency", String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms (%,d agent status requests)", statusP50Ms,
                statusP99Ms, statusRequests)));
        rows.add(row("tasks", String.format(Locale.ROOT, "%,d launched, %,d ended, all in %.2f s (%,.0f tasks/s)", launches, ends,
                totalSeconds, tasksPerSecond())));
        rows.add(row("agent requests", String.format(Locale.ROOT, "%,d heartbeats (%,d brought %,d commands), %,d status posts (%,d updates);"
                + " %.1f HTTP requests per job in all; %,d failed and were retried", traffic.heartbeats(), traffic.busyHeartbeats(),
                traffic.commands(), traffic.statusPosts(), traffic.updates(),
                (traffic.heartbeats() + traffic.statusPosts() + acknowledged) / (double) Math.max(1, acknowledged), traffic.retried())));
        if (replication != null) rows.add(row("replication lag", replication.describe()));
        if (cpu != null) {
            double perJob = 1000.0 / Math.max(1, acknowledged);
            rows.add(row("CPU", String.format(Locale.ROOT, "master %.1f s (%.2f ms per job, of which event loop %.2f ms), load generator %.1f s,"
                    + " JVM (GC, JIT) %.1f s; %.1f cores busy on average", cpu.masterSeconds(), cpu.masterSeconds() * perJob,
                    cpu.loopSeconds() * perJob, cpu.loadSeconds(), cpu.otherSeconds(), cpu.processSeconds() / Math.max(totalSeconds, 1e-9))));
        }
        rows.add(row("heap after GC", String.format(Locale.ROOT, "%s before the master, %s at peak (submissions done), %s at the end",
                mib(heapBaselineBytes), mib(heapPeakBytes), mib(heapEndBytes))));
        rows.add(row("lost", problems.isEmpty() ? "0: every acknowledged job ran each task once, no agent over-committed"
                : problems.size() + " problem(s), below"));
        int w = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) b.append(String.format(Locale.ROOT, "%-" + w + "s  %s%n", r[0], r[1]));
        for (String p : problems) b.append("  ").append(p).append(System.lineSeparator());
        return b.toString();
    }

    private static String[] row(String k, String v) { return new String[] {k, v}; }

    private static String mib(long bytes) { return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0); }
}
