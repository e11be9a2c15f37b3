package org.mesocosm.cli;

import java.util.Locale;
import java.util.function.Consumer;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TraceFormat;
import org.mesocosm.traces.TraceRecord;

/**
 * Checks that a Google trace's machines are there when its tasks are: the machine_events window
 * must start no later than the task events' window (machines added at time 0 stay up after the
 * table's last row, so only the start matters). Otherwise a replay on the trace's own machines
 * places nothing and its delay figures mean nothing. It looks when the first job is replayed: by
 * then the reader has read the machine rows up to that time (machine rows come first on a tie)
 * and one beyond.
 */
final class TraceCoverage implements Consumer<TraceRecord> {

    /** The windows do not overlap: thrown out of the replay when it runs on the trace's machines. */
    static final class NotCovered extends RuntimeException {
        NotCovered() {
            super("machine_events do not cover the task window", null, false, false);
        }
    }

    private final ReadStats stats;
    private final boolean fatal;
    private boolean checked;
    private boolean covered = true;

    /** @param fatal throw {@link NotCovered} (machines from the trace), or only remember it (a fixed cluster, {@code --nodes N}) */
    TraceCoverage(ReadStats stats, boolean fatal) {
        this.stats = stats;
        this.fatal = fatal;
    }

    /** Formats whose machines come from a machine_events table. */
    static boolean applies(TraceFormat f) {
        return f == TraceFormat.GOOGLE2011 || f == TraceFormat.GOOGLE2019;
    }

    @Override
    public void accept(TraceRecord r) {
        if (checked || !(r.event() instanceof WorkloadEvent.JobArrival)) return;
        checked = true;
        long[] tasks = stats.taskWindow();
        long[] machines = stats.machineWindow();
        covered = tasks == null || machines != null && machines[0] <= tasks[0];
        if (!covered && fatal) throw new NotCovered();
    }

    boolean covered() { return covered; }

    /** Both windows, from a reader's stats after it was read to the end. */
    static String describe(ReadStats whole) {
        long[] t = whole.taskWindow();
        long[] m = whole.machineWindow();
        return "the machine_events window " + (m == null ? "is empty (no machine rows)" : "is " + window(m))
                + " but the task events' window is " + (t == null ? "empty" : window(t)) + " (trace time)";
    }

    private static String window(long[] w) {
        return String.format(Locale.ROOT, "[%,.3f s, %,.3f s]", w[0] / 1e6, w[1] / 1e6);
    }
}
