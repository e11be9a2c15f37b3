package org.mesocosm.cli.gate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The regression gate: compares current results with a baseline by normalized ratio
 * ({@link Comparison}) and, before calling a benchmark slower, measures it again together with
 * the reference. A shared machine's noise comes and goes; a real regression shows twice. The
 * better of the two ratios decides.
 */
public final class Gate {

    /** Runs the given benchmarks again, with the reference, and returns the results of that run. */
    @FunctionalInterface
    public interface Rerunner {
        List<JmhResult> run(List<BenchKey> keys) throws IOException;
    }

    /** One benchmark's outcome: the first comparison, the re-run's (or null), and the final word. */
    public record Line(Comparison.Row first, Comparison.Row rerun, double ratio, Verdict verdict) {
        public BenchKey key() {
            return first.key();
        }
    }

    public record Outcome(List<Line> lines, JmhResult baselineReference, JmhResult currentReference, double tolerance) {
        public boolean failed() {
            return lines.stream().anyMatch(l -> l.verdict().fails());
        }
    }

    private Gate() {}

    /**
     * @param rerunner null to judge on the given results alone
     */
    public static Outcome run(String baselineName, List<JmhResult> baseline, String currentName, List<JmhResult> current,
                              double tolerance, Rerunner rerunner) throws IOException {
        List<Comparison.Row> rows = Comparison.compare(baselineName, baseline, currentName, current, tolerance);
        List<BenchKey> suspects = new ArrayList<>();
        for (Comparison.Row r : rows) {
            if (r.verdict() == Verdict.SLOWER) suspects.add(r.key());
        }
        List<Comparison.Row> again = List.of();
        if (rerunner != null && !suspects.isEmpty()) {
            again = Comparison.compare(baselineName, baseline, "re-run", rerunner.run(suspects), tolerance);
        }
        List<Line> lines = new ArrayList<>();
        for (Comparison.Row r : rows) {
            Comparison.Row second = r.verdict() == Verdict.SLOWER ? find(again, r.key()) : null;
            if (second != null && second.current() != null) {
                double best = Math.min(r.ratio(), second.ratio());
                lines.add(new Line(r, second, best, Comparison.verdict(best, tolerance)));
            } else {
                lines.add(new Line(r, null, r.ratio(), r.verdict()));
            }
        }
        var base = Comparison.index(baselineName, baseline);
        var now = Comparison.index(currentName, current);
        return new Outcome(lines, Comparison.reference(baselineName, base), Comparison.reference(currentName, now), tolerance);
    }

    private static Comparison.Row find(List<Comparison.Row> rows, BenchKey key) {
        for (Comparison.Row r : rows) {
            if (r.key().equals(key)) return r;
        }
        return null;
    }
}
