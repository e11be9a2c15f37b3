package org.mesocosm.reports.omega;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.mesocosm.reports.experiments.Curve;
import org.mesocosm.reports.experiments.ExperimentPage;
import org.mesocosm.reports.experiments.OverlayCharts;
import org.mesocosm.reports.stats.Estimate;

/**
 * The Omega paper's §4 charts (its Figures 5-7) for Mesocosm's runs: wait time, scheduler
 * busyness, unscheduled batch jobs and conflict fraction against the service scheduler's t_job
 * (log x axis), one line per architecture (mean over seeds) with its 95% Student-t band; a
 * headline table and the findings table. Writes report.html (charts embedded) and each chart as
 * a PNG beside it.
 */
public final class OmegaReport {
    private OmegaReport() {}

    /** One chart: its file name, title, y title, the scheduler row it reads and the metric. */
    private record Spec(String file, String title, String yTitle, String scheduler, ToDoubleFunction<SchedulerRow> metric, double scale,
                        String caption) {}

    private static final List<Spec> CHARTS = List.of(
            new Spec("wait-batch.png", "Batch job wait vs service t_job", "Mean wait to first task (s)", "batch", SchedulerRow::waitFirstMeanS, 1,
                    "Batch jobs: mean time from arrival to the first placed task (jobs that got one), against the service scheduler's t_job. "
                            + "Paper Fig. 5a/6a/7a. Line: mean over seeds; band: 95% CI (Student's t)."),
            new Spec("wait-service.png", "Service job wait vs service t_job", "Mean wait to first task (s)", "service", SchedulerRow::waitFirstMeanS, 1,
                    "Service jobs: mean time from arrival to the first placed task. Line: mean over seeds; band: 95% CI."),
            new Spec("busyness-service.png", "Service scheduler busyness vs service t_job", "Busyness (fraction of time deciding)", "service",
                    SchedulerRow::busyness, 1, "Busyness of the scheduler serving service jobs (mono: its only scheduler). Paper Fig. 5c/6c/7c. "
                            + "Band: 95% CI."),
            new Spec("busyness-batch.png", "Batch scheduler busyness vs service t_job", "Busyness (fraction of time deciding)", "batch",
                    SchedulerRow::busyness, 1, "Busyness of the scheduler serving batch jobs (mono: the same single scheduler as above). Band: 95% CI."),
            new Spec("unscheduled-batch.png", "Batch jobs not fully placed or abandoned vs service t_job", "Batch jobs (% of arrived)", "batch",
                    SchedulerRow::unscheduledOrAbandonedFraction, 100, "Batch jobs that arrived but were not fully placed by the end of the run "
                            + "(abandoned after max-attempts, or still waiting), % of the batch jobs. Paper §4.2 (Mesos: jobs abandoned). Band: 95% CI."),
            new Spec("conflicts.png", "Conflict fraction vs service t_job", "Conflict fraction (failed / all transactions)", null,
                    SchedulerRow::conflictFraction, 1, "omega only: failed transactions over all transactions, per scheduler. Paper Fig. 7b/8. Band: 95% CI."));

    public static void write(Path dir, String title, List<String> setup, Grid grid) throws IOException {
        ExperimentPage page = new ExperimentPage(title);
        for (String p : setup) page.paragraph(p);
        page.heading("Findings: the paper's expectations against Mesocosm");
        page.paragraph("Criterion (fixed in advance, the same for each): a value grows when its 95% CI at the largest service t_job lies "
                + "wholly above its 95% CI at the smallest; flat when it does not. Numbers: mean [95% CI] (n seeds).");
        List<List<String>> f = new ArrayList<>();
        for (Findings.Finding x : Findings.of(grid)) f.add(List.of(x.expectation(), x.verdict(), x.evidence()));
        page.table(List.of("paper's expectation", "Mesocosm", "evidence"), f);
        page.heading("Headline");
        page.table(List.of("architecture", "service t_job (s)", "batch wait to first task (s)", "batch not placed or abandoned",
                "service wait to first task (s)", "service scheduler busyness", "conflict fraction (service)"), headline(grid));
        page.heading("Charts");
        for (Spec s : CHARTS) {
            XYChart c = chart(grid, s);
            if (c == null) {
                page.paragraph(s.title() + ": n/a (no architecture in this run has it).");
                continue;
            }
            BitmapEncoder.saveBitmap(c, dir.resolve(s.file()).toString(), BitmapEncoder.BitmapFormat.PNG);
            page.figure(c, s.caption());
        }
        page.write(dir.resolve("report.html"));
    }

    public static List<List<String>> headline(Grid g) {
        List<List<String>> rows = new ArrayList<>();
        for (String a : g.architectures()) {
            if (!g.hasRuns(a)) {
                rows.add(List.of(a, "n/a", "not available in this build", "n/a", "n/a", "n/a", "n/a"));
                continue;
            }
            for (double t : g.tJobs()) {
                rows.add(List.of(a, Grid.num(t),
                        Grid.format(g.estimate(a, "batch", t, SchedulerRow::waitFirstMeanS), 1, ""),
                        Grid.format(g.estimate(a, "batch", t, SchedulerRow::unscheduledOrAbandonedFraction), 100, "%"),
                        Grid.format(g.estimate(a, "service", t, SchedulerRow::waitFirstMeanS), 1, ""),
                        Grid.format(g.estimate(a, "service", t, SchedulerRow::busyness), 1, ""),
                        Grid.format(g.estimate(a, "service", t, SchedulerRow::conflictFraction), 1, "")));
            }
        }
        return rows;
    }

    private static XYChart chart(Grid g, Spec s) {
        List<Curve> curves = new ArrayList<>();
        for (String a : g.architectures()) {
            for (String sched : s.scheduler() == null ? List.of("service", "batch") : List.of(s.scheduler())) {
                Curve c = curve(g, a, sched, s.metric(), s.scale(), s.scheduler() == null ? a + " " + sched : a);
                if (c != null) curves.add(c);
            }
        }
        if (curves.isEmpty()) return null;
        return OverlayCharts.chart(s.title(), "Service scheduler t_job (s, log scale)", s.yTitle(), curves, OverlayCharts.Style.POINTS, true,
                OverlayCharts.spansDecades(curves), List.of());
    }

    /** The architecture's line, or null when the metric is n/a at every t_job (not available, or not defined for it). */
    private static Curve curve(Grid g, String arch, String sched, ToDoubleFunction<SchedulerRow> metric, double scale, String name) {
        double[] x = g.tJobs();
        double[] y = new double[x.length], lo = new double[x.length], hi = new double[x.length];
        boolean any = false;
        for (int i = 0; i < x.length; i++) {
            Estimate e = g.estimate(arch, sched, x[i], metric);
            if (e == null) {
                y[i] = lo[i] = hi[i] = Double.NaN;
                continue;
            }
            any = true;
            y[i] = e.mean() * scale;
            lo[i] = e.ciLow() * scale;
            hi[i] = e.ciHigh() * scale;
        }
        return any ? new Curve(name, x, y, lo, hi) : null;
    }
}
