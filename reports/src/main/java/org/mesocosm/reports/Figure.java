package org.mesocosm.reports;

import org.knowm.xchart.internal.chartpart.Chart;

/** One figure of the report: a chart embedded in the page as a PNG, or a note saying why there is none. */
sealed interface Figure {
    /** Short title, used as the figure's heading. */
    String heading();

    /**
     * A chart, embedded in the page; {@code file} names it (the page's element id and the file
     * name of earlier reports, which wrote charts beside the page).
     *
     * @param caption plain text (the page escapes it): what is plotted and how it is defined
     * @param alt plain-text alternative for the image
     */
    record Drawn(String file, String heading, String caption, String alt, Chart<?, ?> chart) implements Figure {
    }

    /** A chart the data does not allow, with the reason in plain text. */
    record Skipped(String file, String heading, String reason) implements Figure {
    }

    /** The chart's name: chart-*.png. */
    String file();
}
