/**
 * Reports on a finished run, read from its run directory (DESIGN.md §7) and nothing else: this
 * module depends on no other Mesocosm module.
 *
 * <ul>
 *   <li>{@link org.mesocosm.reports.RunReport#write(java.nio.file.Path)} writes {@code report.html}
 *       and its PNG charts into the run directory.
 *   <li>{@link org.mesocosm.reports.SummaryTable} renders {@code summary.json} as a short text
 *       table for stdout.
 *   <li>{@link org.mesocosm.reports.RunFileException} reports a malformed run file by file, line
 *       and field.
 * </ul>
 *
 * <p>Summary metrics are shown as the simulator wrote them, never recomputed here; the charts
 * add only what a single number cannot show: values over time and distributions (CDFs).
 */
package org.mesocosm.reports;
