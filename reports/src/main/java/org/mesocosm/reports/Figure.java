package org.mesocosm.reports;

import org.knowm.xchart.XYChart;

/** One figure of the report: a chart drawn to a PNG file, or a note saying why there is none. */
sealed interface Figure {
    /** Short title, used as the figure's heading. */
    String heading();

    /**
     * A chart to write to {@code file} (a bare file name, relative to the run directory).
     *
     * @param caption plain text (the page escapes it): what is plotted and how it is defined
     * @param alt plain-text alternative for the image
     */
    record Drawn(String file, String heading, String caption, String alt, XYChart chart) implements Figure {
    }

    /** A chart the data does not allow, with the reason in plain text. */
    record Skipped(String file, String heading, String reason) implements Figure {
    }

    /** The file name this figure uses when drawn. */
    String file();
}
