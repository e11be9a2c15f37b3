package org.mesocosm.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the report's figures from the data: which charts can be drawn, log or linear axes,
 * which roles to show, and writes each caption (what is plotted, how it is defined, what was
 * left out).
 */
final class Figures {
    static final String ALLOCATION = "chart-allocation.png";
    static final String SCHED_LATENCY = "chart-sched-latency-cdf.png";
    static final String TASKS = "chart-tasks-over-time.png";
    static final String SHARES = "chart-dominant-shares.png";
    static final String JOB_COMPLETION = "chart-job-completion-cdf.png";
    static final String ENDS = "chart-failures-over-time.png";
    static final String NODE_HEAT = "chart-node-heat-map.png";
    static final List<String> FILES = List.of(ALLOCATION, SCHED_LATENCY, TASKS, SHARES, JOB_COMPLETION, ENDS, NODE_HEAT);

    /** More roles than this make an unreadable legend; the roles with the highest mean share are shown. */
    static final int MAX_ROLES = 12;
    /** A log x axis is used when the positive samples span at least this ratio (two decades). */
    static final double LOG_RANGE = 100.0;

    private Figures() {
    }

    /**
     * @param endS the end of the run in simulated seconds
     * @param nodes the cluster size from summary.json (NaN if absent)
     */
    static List<Figure> build(Timeline timeline, TaskDistributions tasks, TaskActivity activity, double endS, double nodes) {
        return List.of(allocation(timeline), schedLatency(tasks), tasksOverTime(timeline),
                shares(timeline), jobCompletion(tasks), ActivityFigures.ends(activity, endS),
                ActivityFigures.nodeHeat(activity, endS, nodes));
    }

    private static Figure allocation(Timeline t) {
        String heading = "Cluster CPU and memory allocation";
        if (t.samples() == 0) {
            return new Figure.Skipped(ALLOCATION, heading, "timeline.csv has no rows.");
        }
        String caption = "Share of cluster capacity allocated to tasks over simulated time, for CPU "
                + "(cpu_alloc) and memory (mem_alloc), in percent. The denominator is the capacity "
                + "of the agents that are up at that moment, so losing agents can raise the lines. "
                + sampling(t) + " The time-weighted averages are the CPU and memory utilization in "
                + "the headline table.";
        return new Figure.Drawn(ALLOCATION, heading, caption,
                "Line chart of CPU and memory allocation in percent against simulated hours",
                Charts.allocation(t));
    }

    private static Figure tasksOverTime(Timeline t) {
        String heading = "Pending and running tasks";
        if (t.samples() == 0) {
            return new Figure.Skipped(TASKS, heading, "timeline.csv has no rows.");
        }
        String caption = "Number of tasks waiting to be placed (tasks_pending) and running "
                + "(tasks_running) over simulated time. " + sampling(t);
        return new Figure.Drawn(TASKS, heading, caption,
                "Line chart of pending and running task counts against simulated hours",
                Charts.tasksOverTime(t));
    }

    private static Figure shares(Timeline t) {
        String heading = "Dominant share per role";
        if (t.shares().isEmpty()) {
            return new Figure.Skipped(SHARES, heading, "timeline.csv has no share:<role> columns.");
        }
        if (t.samples() == 0) {
            return new Figure.Skipped(SHARES, heading, "timeline.csv has no rows.");
        }
        List<Timeline.RoleShare> roles = new ArrayList<>(t.shares());
        String omitted = "";
        if (roles.size() > MAX_ROLES) {
            roles.sort(Comparator.comparingDouble((Timeline.RoleShare r) -> -mean(r.share())));
            omitted = " Only the " + MAX_ROLES + " roles with the highest mean share of "
                    + roles.size() + " are drawn.";
            roles = roles.subList(0, MAX_ROLES);
        }
        String caption = "Dominant share of each role over simulated time, in percent: the largest of "
                + "the role's allocated fractions of cluster CPU and memory (the quantity DRF "
                + "equalizes), from the share:<role> columns of timeline.csv." + omitted + " "
                + sampling(t) + " Jain's fairness index of these shares is in the headline table.";
        return new Figure.Drawn(SHARES, heading, caption,
                "Line chart of each role's dominant share in percent against simulated hours",
                Charts.dominantShares(t, roles));
    }

    private static Figure schedLatency(TaskDistributions tasks) {
        String heading = "Scheduling latency distribution";
        double[] ms = tasks.schedLatencyMs();
        if (ms.length == 0) {
            return new Figure.Skipped(SCHED_LATENCY, heading, "No task in tasks.csv was ever placed ("
                    + Fmt.count(tasks.rows()) + " rows).");
        }
        Cdf cdf = Cdf.of(ms, Cdf.MAX_POINTS);
        double floor = logFloor(ms);
        StringBuilder caption = new StringBuilder()
                .append("Empirical cumulative distribution of scheduling latency, defined for each ")
                .append("task attempt in tasks.csv as placed_s \u2212 ready_s: the simulated time from ")
                .append("the moment the task could be scheduled to its placement on an agent, in ")
                .append("milliseconds. A point (x, y) means that a fraction y of placed tasks waited ")
                .append("x ms or less. ").append(Fmt.count(ms.length)).append(" placed attempts are ")
                .append("included; ").append(Fmt.count(tasks.unplaced()))
                .append(" attempts that were never placed (empty placed_s) are not.");
        if (ms[ms.length - 1] == 0) {
            caption.append(" Every placed attempt had zero latency.");
        }
        if (floor > 0) {
            int zeros = countAtMost(ms, 0.0);
            caption.append(" The x axis is logarithmic");
            if (zeros > 0) {
                caption.append("; the ").append(Fmt.count(zeros)).append(" attempts (")
                        .append(Fmt.percent(zeros / (double) ms.length))
                        .append(") placed with zero latency are drawn at ").append(Fmt.number(floor))
                        .append(" ms");
            }
            caption.append('.');
        }
        caption.append(thinning(cdf)).append(" The p50/p95/p99/max values are in the headline table.");
        return new Figure.Drawn(SCHED_LATENCY, heading, caption.toString(),
                "Cumulative distribution of ready-to-placed latency in milliseconds",
                Charts.schedLatencyCdf(cdf, floor));
    }

    private static Figure jobCompletion(TaskDistributions tasks) {
        String heading = "Job completion time distribution by job kind";
        Map<String, double[]> byKind = tasks.completionByKind();
        String definition = "Completion time of a job is the latest end_s minus the earliest ready_s "
                + "over all of its task attempts in tasks.csv. A job counts as completed when every "
                + "one of its instances ended FINISHED on its last attempt (an instance retried "
                + "after a failure and then finished counts)";
        if (byKind.isEmpty()) {
            return new Figure.Skipped(JOB_COMPLETION, heading, "No job completed among the "
                    + Fmt.count(tasks.jobs()) + " jobs in tasks.csv. " + definition + ".");
        }
        Map<String, Cdf> cdfs = new LinkedHashMap<>();
        List<double[]> all = new ArrayList<>();
        byKind.forEach((kind, values) -> {
            cdfs.put(kind, Cdf.of(values, Cdf.MAX_POINTS));
            all.add(values);
        });
        double floor = logFloor(concat(all));
        String caption = "Empirical cumulative distribution of job completion time in seconds, one "
                + "line per job kind (n = number of completed jobs of that kind). " + definition
                + "; " + Fmt.count(tasks.completedJobs()) + " of " + Fmt.count(tasks.jobs())
                + " jobs did. Long-running services seldom finish, so SERVICE is usually absent."
                + (floor > 0 ? " The x axis is logarithmic." : "")
                + " The p50/p95 over all jobs are in the headline table.";
        return new Figure.Drawn(JOB_COMPLETION, heading, caption,
                "Cumulative distribution of job completion time in seconds, per job kind",
                Charts.jobCompletionCdf(cdfs, floor));
    }

    /**
     * The x-axis floor for a log scale (the power of ten at or below the smallest positive
     * sample; zeros are drawn there), or 0 for a linear axis when the positive samples span less
     * than {@link #LOG_RANGE}.
     */
    static double logFloor(double[] sorted) {
        double minPositive = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : sorted) {
            if (v > 0 && v < minPositive) {
                minPositive = v;
            }
            max = Math.max(max, v);
        }
        if (!Double.isFinite(minPositive) || max / minPositive < LOG_RANGE) {
            return 0;
        }
        return Math.pow(10, Math.floor(Math.log10(minPositive)));
    }

    static String sampling(Timeline t) {
        if (t.samples() < 2) {
            return "One sample from timeline.csv.";
        }
        double[] h = t.hours();
        double step = (h[h.length - 1] - h[0]) * 3600.0 / (h.length - 1);
        return Fmt.count(t.samples()) + " samples from timeline.csv, one every "
                + Fmt.number(step) + " s of simulated time on average.";
    }

    private static String thinning(Cdf cdf) {
        return cdf.points() < cdf.n()
                ? " The curve is drawn through " + Fmt.count(cdf.points()) + " of the "
                        + Fmt.count(cdf.n()) + " sorted samples, denser in the top 1 %."
                : "";
    }

    private static int countAtMost(double[] sorted, double limit) {
        int i = 0;
        while (i < sorted.length && sorted[i] <= limit) {
            i++;
        }
        return i;
    }

    private static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double[] concat(List<double[]> arrays) {
        double[] out = new double[arrays.stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (double[] a : arrays) {
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        return out;
    }
}
