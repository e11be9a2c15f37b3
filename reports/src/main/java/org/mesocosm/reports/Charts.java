package org.mesocosm.reports;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's XChart line charts, one factory method each, and PNG output (as data URIs). Fractions are drawn
 * as percentages, times on the x axis in simulated hours.
 */
final class Charts {
    static final int WIDTH = 960;
    static final int HEIGHT = 440;

    private static final BasicStroke SOLID = new BasicStroke(1.8f);
    private static final BasicStroke DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);

    private Charts() {
    }

    /** (a) CPU and memory allocation, % of the capacity of up agents, over time. */
    static XYChart allocation(Timeline t) {
        XYChart c = base("Cluster allocation over time", "Simulated time (h)",
                "Allocated / capacity of up agents (%)");
        line(c, "CPU allocated", t.hours(), percent(t.cpuAlloc()));
        line(c, "Memory allocated", t.hours(), percent(t.memAlloc()));
        double top = Math.max(100, Math.ceil(max(percent(t.cpuAlloc()), percent(t.memAlloc()))));
        c.getStyler().setYAxisMin(0.0).setYAxisMax(top);
        legendBelow(c);
        return roundTicks(c, t.hours());
    }

    /** (c) Tasks pending and running over time. */
    static XYChart tasksOverTime(Timeline t) {
        XYChart c = base("Pending and running tasks over time", "Simulated time (h)", "Tasks");
        line(c, "Running", t.hours(), t.running());
        line(c, "Pending", t.hours(), t.pending());
        c.getStyler().setYAxisMin(0.0).setYAxisDecimalPattern("#,##0");
        legendBelow(c);
        return roundTicks(c, t.hours());
    }

    /** (d) Dominant share of the given roles over time. */
    static XYChart dominantShares(Timeline t, List<Timeline.RoleShare> roles) {
        XYChart c = base("Dominant share per role over time", "Simulated time (h)", "Dominant share (%)");
        for (Timeline.RoleShare r : roles) {
            line(c, r.role(), t.hours(), percent(r.share()));
        }
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setLegendPosition(LegendPosition.OutsideE);
        return roundTicks(c, t.hours());
    }

    /** (b) CDF of ready → placed latency; {@code floorMs} > 0 means a log x axis with zeros drawn there. */
    static XYChart schedLatencyCdf(Cdf cdf, double floorMs) {
        boolean log = floorMs > 0;
        XYChart c = base("Scheduling latency CDF (ready \u2192 placed)",
                "Latency (ms" + (log ? ", log scale" : "") + ")", "Fraction of placed tasks (cumulative)");
        double[] x = floored(cdf.x(), floorMs);
        line(c, "Placed tasks (n = " + Fmt.count(cdf.n()) + ")", x, cdf.p());
        cdfAxes(c, log);
        return roundTicks(c, x);
    }

    /** (e) CDF of job completion time, one line per job kind. */
    static XYChart jobCompletionCdf(Map<String, Cdf> byKind, double floorS) {
        boolean log = floorS > 0;
        XYChart c = base("Job completion time CDF by job kind",
                "Completion time (s" + (log ? ", log scale" : "") + ")", "Fraction of completed jobs (cumulative)");
        double[] first = null;
        for (Map.Entry<String, Cdf> e : byKind.entrySet()) {
            double[] x = floored(e.getValue().x(), floorS);
            line(c, e.getKey() + " (n = " + Fmt.count(e.getValue().n()) + ")", x, e.getValue().p());
            first = first == null ? x : first;
        }
        cdfAxes(c, log);
        return first == null ? c : roundTicks(c, first);
    }

    /** (f) Attempts that ended FAILED, LOST or KILLED per time bucket. */
    static XYChart endsOverTime(double[] bucketHours, double bucketS, Map<String, double[]> countsByState) {
        XYChart c = base("Failures, losses and kills over time", "Simulated time (h)",
                "Task attempts ended per " + Fmt.number(bucketS / 60.0) + " min");
        for (Map.Entry<String, double[]> e : countsByState.entrySet()) {
            line(c, e.getKey(), bucketHours, e.getValue());
        }
        c.getSeriesMap().values().forEach(series -> series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step));
        c.getStyler().setYAxisMin(0.0).setYAxisDecimalPattern("#,##0");
        legendBelow(c);
        return roundTicks(c, bucketHours);
    }

    static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** A {@code data:} URI of the chart as PNG, so the page needs no files beside it. */
    static String pngDataUri(Chart<?, ?> chart) {
        try {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(chart));
        } catch (IOException e) {
            throw new UncheckedIOException("rendering chart '" + chart.getTitle() + "'", e);
        }
    }

    private static XYChart base(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        ChartStyle.plain(c.getStyler(), 16);
        c.getStyler().setLegendPosition(LegendPosition.InsideSE);
        return c;
    }

    /** Series i gets palette colour i, solid for the first round of colours and dashed after. */
    private static void line(XYChart c, String name, double[] x, double[] y) {
        int i = c.getSeriesMap().size();
        XYSeries series = c.addSeries(name, x, y);
        series.setLineColor(ChartStyle.color(i));
        series.setLineStyle(i < ChartStyle.COLORS ? SOLID : DASHED);
        // A single sample draws no line; show it as a dot.
        series.setMarker(x.length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        series.setMarkerColor(ChartStyle.color(i));
    }

    /**
     * XChart 3.8 puts ticks on multiples of the data spacing when an axis's values are equally
     * spaced, as timeline sample times and small-CDF fractions are: ticks every 0.9 h or every
     * 0.002, with labels running into each other. One invisible point, between the first two x
     * values and with a NaN y, makes both axes' values unequal, so XChart picks round tick steps.
     * Added last, it takes no colour from the visible series; NaN draws nothing.
     */
    private static XYChart roundTicks(XYChart c, double[] x) {
        if (x.length >= 2) {
            XYSeries hidden = c.addSeries(" ", new double[] {(x[0] + x[1]) / 2}, new double[] {Double.NaN});
            hidden.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            hidden.setMarker(SeriesMarkers.NONE);
            hidden.setShowInLegend(false);
        }
        return c;
    }

    private static void legendBelow(XYChart c) {
        c.getStyler().setLegendPosition(LegendPosition.OutsideS).setLegendLayout(LegendLayout.Horizontal);
    }

    private static void cdfAxes(XYChart c, boolean log) {
        XYStyler s = c.getStyler();
        // An empirical CDF is a step function; thinned to 2,000 points the steps are still exact.
        c.getSeriesMap().values().forEach(series -> series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step));
        s.setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.0#");
        s.setXAxisLogarithmic(log);
        if (log) {
            s.setXAxisDecimalPattern("#,##0.######"); // 10,000 rather than 1E4
        } else {
            s.setXAxisMin(0.0);
        }
    }

    private static double[] percent(double[] fractions) {
        double[] out = new double[fractions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = fractions[i] * 100.0;
        }
        return out;
    }

    private static double[] floored(double[] x, double floor) {
        if (floor <= 0) {
            return x;
        }
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], floor);
        }
        return out;
    }

    private static double max(double[]... arrays) {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] a : arrays) {
            for (double v : a) {
                if (v > m) {
                    m = v;
                }
            }
        }
        return m;
    }
}
