package org.mesocosm.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.Color;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;

/** The look and palette the run report and the experiment overlays share. */
class ChartStyleTest {

    @Test
    void paletteHasDistinctColoursAndStartsOver() {
        Set<Color> seen = new HashSet<>();
        for (int i = 0; i < ChartStyle.COLORS; i++) seen.add(ChartStyle.color(i));
        assertEquals(ChartStyle.COLORS, seen.size());
        assertEquals(ChartStyle.color(0), ChartStyle.color(ChartStyle.COLORS));
        assertEquals(ChartStyle.color(3), ChartStyle.color(2 * ChartStyle.COLORS + 3));
        assertEquals(new Color(0x4E79A7), ChartStyle.color(0)); // the first policy is blue in every chart
    }

    @Test
    void plainSetsTheSharedLookAndLeavesTheLegendToTheChart() {
        XYChart c = new XYChartBuilder().width(300).height(200).build();
        XYStyler s = c.getStyler();
        s.setLegendPosition(LegendPosition.OutsideE);
        ChartStyle.plain(s, 15);
        assertEquals(Locale.ROOT, s.getLocale());
        assertEquals(XYSeries.XYSeriesRenderStyle.Line, s.getDefaultSeriesRenderStyle());
        assertEquals(Color.WHITE, s.getChartBackgroundColor());
        assertEquals(Color.WHITE, s.getPlotBackgroundColor());
        assertEquals(15, s.getChartTitleFont().getSize());
        assertEquals(12, s.getAxisTickLabelsFont().getSize());
        assertFalse(s.isChartTitleBoxVisible());
        assertFalse(s.isToolTipsEnabled());
        assertEquals(LegendPosition.OutsideE, s.getLegendPosition());
    }
}
