package org.mesocosm.reports;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;

/**
 * The look the reports' line charts share (the run report's and the experiments' overlays), and
 * their palette, so that a series reads the same everywhere. Where a chart goes its own way
 * (legend place, title size) it says so itself.
 */
public final class ChartStyle {
    /** Tableau 10: distinguishable, and readable by most colour-blind viewers. */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
        new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC),
    };

    /** How many distinct colours {@link #color} has before it starts over. */
    public static final int COLORS = PALETTE.length;

    private ChartStyle() {}

    /** Colour {@code i} of the palette, starting over after {@link #COLORS}. */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * White, with a light grid, sans-serif text and plain lines; numbers formatted the same in
     * every locale; no tooltips (the charts are pictures). The legend's place is the caller's.
     */
    public static void plain(XYStyler s, int titlePoints) {
        s.setLocale(Locale.ROOT);
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x999999));
        s.setPlotGridLinesColor(new Color(0xE3E3E3));
        s.setLegendBorderColor(new Color(0xCCCCCC));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, titlePoints));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setToolTipsEnabled(false);
        s.setXAxisTickMarkSpacingHint(90); // XChart's default crowds decimal hour labels together
    }
}
