package org.mesocosm.reports.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart line charts with several policies (or settings) overlaid, each in its own colour, with
 * an optional translucent 95% band, and optional horizontal reference lines (an SLO threshold).
 */
public final class OverlayCharts {
    static final int WIDTH = 900;
    static final int HEIGHT = 420;

    /** Tableau 10, as in the run report, so a policy reads the same colour everywhere. */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
        new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC),
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
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        // Bands first so every line is drawn over every band.
        for (int i = 0; i < curves.size(); i++) {
            if (curves.get(i).hasBand()) band(c, curves.get(i), PALETTE[i % PALETTE.length]);
        }
        for (int i = 0; i < curves.size(); i++) line(c, curves.get(i), PALETTE[i % PALETTE.length], style, i);
        double[] range = xRange(curves);
        for (Reference r : references) {
            XYSeries s = c.addSeries(r.name(), new double[] {range[0], range[1]}, new double[] {r.y(), r.y()});
            s.setLineColor(Color.DARK_GRAY);
            s.setLineStyle(new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
            s.setMarker(SeriesMarkers.NONE);
        }
        c.getStyler().setXAxisLogarithmic(logX);
        if (logX) c.getStyler().setXAxisDecimalPattern("#,##0.###");
        return c;
    }

    private static void style(XYStyler s) {
        s.setLocale(Locale.ROOT);
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x999999));
        s.setPlotGridLinesColor(new Color(0xE3E3E3));
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(LegendPosition.OutsideS).setLegendLayout(LegendLayout.Horizontal);
        s.setToolTipsEnabled(false);
        s.setXAxisTickMarkSpacingHint(90);
    }

    private static void line(XYChart c, Curve curve, Color color, Style style, int i) {
        double[][] xy = finite(curve.x(), curve.y());
        if (xy[0].length == 0) return;
        XYSeries s = c.addSeries(curve.name(), xy[0], xy[1]);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(new BasicStroke(i < PALETTE.length ? 2f : 1.6f));
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
