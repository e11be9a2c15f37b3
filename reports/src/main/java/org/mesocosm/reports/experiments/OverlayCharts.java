package org.mesocosm.reports.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mesocosm.reports.ChartStyle;

/**
 * XChart line charts with several policies (or settings) overlaid, each in its own colour, with
 * an optional translucent 95% band, and optional horizontal reference lines (an SLO threshold).
 */
public final class OverlayCharts {
    static final int WIDTH = 900;
    static final int HEIGHT = 420;

    /**
     * Policies often overlap exactly (same workload, same utilization), so each line also gets its
     * own dash pattern: an overlapped line still shows through the gaps of the one above it.
     */
    private static final BasicStroke[] STROKES = {
        new BasicStroke(2.2f),
        new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 5f}, 0f),
        new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 4f}, 0f),
        new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 4f, 2f, 4f}, 0f),
    };

    /** How a chart draws its lines. */
    public enum Style {
        /** Straight segments between points. */
        LINE,
        /** Straight segments with a marker at each measured point (few points, e.g. grid values). */
        POINTS,
        /** A step function (empirical CDFs). */
        STEP
    }

    /** A horizontal reference line, e.g. an SLO threshold. */
    public record Reference(String name, double y) {}

    private OverlayCharts() {}

    public static XYChart chart(String title, String xTitle, String yTitle, List<Curve> curves, Style style,
                                boolean logX, List<Reference> references) {
        return chart(title, xTitle, yTitle, curves, style, logX, false, references);
    }

    /**
     * True when the lines' values are all positive and span two decades or more, as latency does
     * between an overloaded and an ample cluster: on a linear axis every point but the largest
     * would sit on the floor.
     */
    public static boolean spansDecades(List<Curve> curves) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Curve c : curves) {
            for (double v : c.y()) {
                if (!Double.isFinite(v)) continue;
                if (v <= 0) return false;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return Double.isFinite(min) && max / min >= 100;
    }

    /** @param logY a logarithmic y axis; band edges at or below zero are drawn at a tenth of the smallest line value */
    public static XYChart chart(String title, String xTitle, String yTitle, List<Curve> curves, Style style,
                                boolean logX, boolean logY, List<Reference> references) {
        if (logY) curves = floorBands(curves);
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        // Bands first so every line is drawn over every band.
        for (int i = 0; i < curves.size(); i++) {
            if (curves.get(i).hasBand()) band(c, curves.get(i), ChartStyle.color(i));
        }
        for (int i = 0; i < curves.size(); i++) line(c, legendName(curves, i), curves.get(i), ChartStyle.color(i), style, i);
        double[] range = xRange(curves);
        for (Reference r : references) {
            XYSeries s = c.addSeries(r.name(), new double[] {range[0], range[1]}, new double[] {r.y(), r.y()});
            s.setLineColor(Color.DARK_GRAY);
            s.setLineStyle(new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
            s.setMarker(SeriesMarkers.NONE);
        }
        if (style == Style.STEP) {
            // A CDF: fixed 0..1 axis. XChart picks odd tick steps for equally spaced levels; one
            // invisible NaN point breaks the equal spacing so the ticks are round (as in the run report).
            c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.0#");
            if (range[0] < range[1]) {
                XYSeries hidden = c.addSeries(" ", new double[] {range[0] * 0.5 + range[1] * 0.5}, new double[] {Double.NaN});
                hidden.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                hidden.setMarker(SeriesMarkers.NONE);
                hidden.setShowInLegend(false);
            }
        }
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisLogarithmic(logY);
        if (logY) c.getStyler().setYAxisDecimalPattern("#,##0.###");
        if (logX) c.getStyler().setXAxisDecimalPattern("#,##0.###");
        return c;
    }

    /** The reports' look; the legend below, as many policies do not fit beside the plot. */
    private static void style(XYStyler s) {
        ChartStyle.plain(s, 15);
        s.setLegendPosition(LegendPosition.OutsideS).setLegendLayout(LegendLayout.Horizontal);
    }

    /**
     * A curve drawn exactly over an earlier one (two policies that behave the same) would vanish
     * under it; its legend entry says which curve hides it, so every policy stays accounted for.
     */
    static String legendName(List<Curve> curves, int i) {
        Curve c = curves.get(i);
        for (int j = 0; j < i; j++) {
            Curve e = curves.get(j);
            if (java.util.Arrays.equals(e.x(), c.x()) && java.util.Arrays.equals(e.y(), c.y())) {
                return c.name() + " (same as " + e.name() + ")";
            }
        }
        return c.name();
    }

    private static void line(XYChart c, String name, Curve curve, Color color, Style style, int i) {
        double[][] xy = finite(curve.x(), curve.y());
        if (xy[0].length == 0) return;
        XYSeries s = c.addSeries(name, xy[0], xy[1]);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(STROKES[i % STROKES.length]);
        s.setMarker(style == Style.POINTS || xy[0].length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        if (style == Style.STEP) s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    }

    /** The band as a closed polygon: along the upper edge, back along the lower one. */
    private static void band(XYChart c, Curve curve, Color color) {
        List<double[]> pts = new ArrayList<>();
        for (int k = 0; k < curve.x().length; k++) {
            if (Double.isFinite(curve.low()[k]) && Double.isFinite(curve.high()[k]) && Double.isFinite(curve.x()[k])) {
                pts.add(new double[] {curve.x()[k], curve.low()[k], curve.high()[k]});
            }
        }
        if (pts.size() < 2) return;
        int n = pts.size();
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int k = 0; k < n; k++) {
            x[k] = pts.get(k)[0];
            y[k] = pts.get(k)[2];
            x[2 * n - 1 - k] = pts.get(k)[0];
            y[2 * n - 1 - k] = pts.get(k)[1];
        }
        XYSeries s = c.addSeries(curve.name() + " 95% CI", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    private static List<Curve> floorBands(List<Curve> curves) {
        double min = Double.POSITIVE_INFINITY;
        for (Curve c : curves) for (double v : c.y()) if (v > 0) min = Math.min(min, v);
        double floor = Double.isFinite(min) ? min / 10 : 1;
        List<Curve> out = new ArrayList<>();
        for (Curve c : curves) {
            if (!c.hasBand()) {
                out.add(c);
                continue;
            }
            double[] low = c.low().clone();
            for (int i = 0; i < low.length; i++) if (low[i] <= 0) low[i] = floor;
            out.add(new Curve(c.name(), c.x(), c.y(), low, c.high()));
        }
        return out;
    }

    private static double[][] finite(double[] x, double[] y) {
        int n = 0;
        for (int i = 0; i < x.length; i++) if (Double.isFinite(x[i]) && Double.isFinite(y[i])) n++;
        double[] fx = new double[n];
        double[] fy = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[k] = x[i];
                fy[k++] = y[i];
            }
        }
        return new double[][] {fx, fy};
    }

    private static double[] xRange(List<Curve> curves) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (double v : c.x()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return Double.isFinite(lo) ? new double[] {lo, hi} : new double[] {0, 1};
    }
}
