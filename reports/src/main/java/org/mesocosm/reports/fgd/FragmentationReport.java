package org.mesocosm.reports.fgd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.CategoryStyler;
import org.mesocosm.reports.ChartStyle;
import org.mesocosm.reports.experiments.Curve;
import org.mesocosm.reports.experiments.ExperimentPage;
import org.mesocosm.reports.experiments.OverlayCharts;
import org.mesocosm.reports.stats.Estimate;

/**
 * The FGD paper's charts for Mesocosm's runs: unallocated GPU (arrived - allocated, % of capacity)
 * against arrived workload, one line per policy (mean over seeds) with its band (min..max over
 * seeds); fragmentation F_N(M) the same way; and a bar chart of unallocated GPU at arrived = 100%
 * with 95% CI error bars. Writes report.html (charts embedded) and the charts as PNG files beside it.
 */
public final class FragmentationReport {
    /** The bin the bar chart and the table read: arrived = 100% of the GPU capacity. */
    public static final int AT = 100;

    private FragmentationReport() { }

    /** One row of the table at arrived = 100%. */
    public record AtFull(String policy, Estimate unallocated, double min, double max) { }

    public static List<AtFull> atFull(List<PolicyRuns> runs) {
        List<AtFull> out = new ArrayList<>();
        for (PolicyRuns r : runs) {
            double[] v = r.at(r.unallocatedPct(), AT);
            if (v.length == 0) {
                out.add(new AtFull(r.policy(), null, Double.NaN, Double.NaN));
                continue;
            }
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double x : v) { min = Math.min(min, x); max = Math.max(max, x); }
            out.add(new AtFull(r.policy(), Estimate.of(v), min, max));
        }
        return out;
    }

    public static void write(Path dir, String title, String setup, List<PolicyRuns> runs) throws IOException {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        XYChart unalloc = lines("Unallocated GPU vs arrived workload", "Unallocated GPU (% of capacity)", runs, true);
        XYChart frag = lines("GPU fragmentation F_N(M) vs arrived workload", "Fragmented GPU (% of capacity)", runs, false);
        List<AtFull> table = atFull(runs);
        CategoryChart bars = bars(table);
        BitmapEncoder.saveBitmap(unalloc, dir.resolve("unallocated.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(frag, dir.resolve("fragmentation.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(bars, dir.resolve("unallocated-at-100.png").toString(), BitmapEncoder.BitmapFormat.PNG);

        ExperimentPage page = new ExperimentPage(title);
        page.paragraph(setup);
        page.heading("Unallocated GPU");
        page.figure(unalloc, "Arrived minus allocated GPU, as % of the cluster's GPU capacity, by arrived GPU request. "
                + "Line: mean over seeds; band: min..max over seeds.");
        page.figure(bars, "Unallocated GPU at arrived = 100% of capacity: mean over seeds, error bar the 95% CI (Student's t).");
        List<List<String>> rows = new ArrayList<>();
        for (AtFull a : table) {
            rows.add(a.unallocated() == null
                    ? List.of(a.policy(), "n/a", "n/a", "n/a", "0")
                    : List.of(a.policy(), pct(a.unallocated().mean()), ci(a.unallocated()), pct(a.min()) + " .. " + pct(a.max()),
                            Integer.toString(a.unallocated().n())));
        }
        page.table(List.of("policy", "unallocated at 100% (mean)", "95% CI", "range over seeds", "n seeds"), rows);
        page.heading("Fragmentation");
        page.figure(frag, "Cluster fragmentation F_N(M) (FGD's measure for the target workload M), % of GPU capacity. "
                + "Line: mean over seeds; band: min..max.");
        page.write(dir.resolve("report.html"));
    }

    private static XYChart lines(String title, String yTitle, List<PolicyRuns> runs, boolean unallocated) {
        List<Curve> curves = new ArrayList<>();
        for (PolicyRuns r : runs) {
            List<double[]> series = unallocated ? r.unallocatedPct() : r.fragPct();
            int bins = series.stream().mapToInt(a -> a.length).max().orElse(0);
            double[] x = new double[bins], y = new double[bins], lo = new double[bins], hi = new double[bins];
            for (int b = 0; b < bins; b++) {
                double[] v = r.at(series, b);
                x[b] = b + 0.5;
                if (v.length == 0) {
                    y[b] = lo[b] = hi[b] = Double.NaN;
                    continue;
                }
                double s = 0, mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
                for (double d : v) { s += d; mn = Math.min(mn, d); mx = Math.max(mx, d); }
                y[b] = s / v.length;
                lo[b] = mn;
                hi[b] = mx;
            }
            curves.add(new Curve(r.policy(), x, y, lo, hi));
        }
        return OverlayCharts.chart(title, "Arrived GPU request (% of capacity)", yTitle, curves, OverlayCharts.Style.LINE, false, List.of());
    }

    private static CategoryChart bars(List<AtFull> table) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(420).title("Unallocated GPU at arrived = 100%")
                .xAxisTitle("Policy").yAxisTitle("Unallocated GPU (% of capacity)").build();
        CategoryStyler s = c.getStyler();
        s.setLocale(Locale.ROOT);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setPlotBackgroundColor(java.awt.Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setLegendVisible(false);
        s.setToolTipsEnabled(false);
        c.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        List<String> names = new ArrayList<>();
        List<Double> means = new ArrayList<>(), err = new ArrayList<>();
        for (AtFull a : table) {
            if (a.unallocated() == null) continue;
            names.add(a.policy());
            means.add(a.unallocated().mean());
            double h = a.unallocated().halfWidth();
            err.add(Double.isNaN(h) ? 0.0 : h);
        }
        if (names.isEmpty()) {
            names.add("n/a");
            means.add(0.0);
            err.add(0.0);
        }
        CategorySeries series = c.addSeries("unallocated at 100%", names, means, err);
        series.setFillColor(ChartStyle.color(0));
        return c;
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", v);
    }

    static String ci(Estimate e) {
        return Double.isNaN(e.ciLow()) ? "n/a (n=1)" : "[" + pct(e.ciLow()) + ", " + pct(e.ciHigh()) + "]";
    }
}
