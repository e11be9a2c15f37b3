package org.mesocosm.reports;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler.LegendPosition;

/** The per-node allocation heat map: agent buckets down, time buckets across. */
final class NodeHeatChart {
    static final int HEIGHT = 620;
    /** Label every n-th time bucket; 60 labels would run into each other. */
    private static final int X_LABEL_EVERY = 6;
    /** White to dark blue (ColorBrewer Blues): more allocated is darker. */
    private static final Color[] RAMP = {
        new Color(0xF7FBFF), new Color(0xC6DBEF), new Color(0x6BAED6), new Color(0x2171B5), new Color(0x08306B),
    };

    private NodeHeatChart() {
    }

    static HeatMapChart of(NodeHeat h) {
        HeatMapChart c = new HeatMapChartBuilder().width(Charts.WIDTH).height(HEIGHT)
                .title("Allocated CPU per node over time")
                .xAxisTitle("Simulated time (h), bucket start")
                .yAxisTitle("Agents (first id of each group)").build();
        HeatMapStyler s = c.getStyler();
        s.setLocale(Locale.ROOT);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, h.rowLabels().length > 24 ? 9 : 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendPosition(LegendPosition.OutsideE);
        s.setShowValue(false);
        s.setDrawBorder(false);
        s.setRangeColors(RAMP);
        s.setMin(0);
        // The gradient legend prints its ends with Double.toString: keep them whole numbers.
        s.setMax(Math.max(1, Math.ceil(h.max())));
        s.setToolTipsEnabled(false);

        List<String> x = new ArrayList<>();
        for (int col = 0; col < h.columnHours().length; col++) {
            // Category labels must differ; unlabeled buckets get distinct runs of spaces.
            x.add(col % X_LABEL_EVERY == 0 ? Fmt.number(h.columnHours()[col]) : " ".repeat(1 + col % X_LABEL_EVERY));
        }
        List<String> y = new ArrayList<>();
        for (String label : h.rowLabels()) {
            y.add(label);
        }
        List<Number[]> cells = new ArrayList<>();
        double[][] v = h.cores();
        for (int r = 0; r < v.length; r++) {
            for (int col = 0; col < v[r].length; col++) {
                cells.add(new Number[] {col, r, v[r][col]});
            }
        }
        c.addSeries("Allocated cores per agent", x, y, cells);
        return c;
    }
}
