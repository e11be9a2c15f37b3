package org.mesocosm.reports.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Two policies with the same curve: the second is drawn over the first, so its legend says so. */
class IdenticalCurvesTest {

    @Test
    void aCurveHiddenByAnEarlierOneSaysWhichInTheLegend() {
        double[] x = {0, 1, 2};
        List<Curve> curves = List.of(Curve.line("drf", x, new double[] {1, 2, 3}), Curve.line("drf:interval=2s", x, new double[] {1, 2, 3}),
                Curve.line("k8s", x, new double[] {1, 2, 4}));
        XYChart c = OverlayCharts.chart("t", "x", "y", curves, OverlayCharts.Style.LINE, false, List.of());
        assertEquals(List.of("drf", "drf:interval=2s (same as drf)", "k8s"), List.copyOf(c.getSeriesMap().keySet()));
    }
}
