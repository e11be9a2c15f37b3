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

    /** One benchmark's outcome: the first comparison, the best re-run's (or null), and the final word. */
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

    /** Judges with one re-run of each suspect. */
    public static Outcome run(String baselineName, List<JmhResult> baseline, String currentName, List<JmhResult> current,
                              double tolerance, Rerunner rerunner) throws IOException {
        return run(baselineName, baseline, currentName, current, tolerance, rerunner, 1);
    }

    /**
     * @param rerunner null to judge on the given results alone
     * @param reruns how many times a benchmark that still looks slower is measured again
     */
    public static Outcome run(String baselineName, List<JmhResult> baseline, String currentName, List<JmhResult> current,
                              double tolerance, Rerunner rerunner, int reruns) throws IOException {
        List<Comparison.Row> rows = Comparison.compare(baselineName, baseline, currentName, current, tolerance);
        List<Line> lines = new ArrayList<>();
        for (Comparison.Row r : rows) lines.add(new Line(r, null, r.ratio(), r.verdict()));
        for (int round = 0; rerunner != null && round < reruns; round++) {
            List<BenchKey> suspects = new ArrayList<>();
            for (Line l : lines) {
                if (l.verdict() == Verdict.SLOWER) suspects.add(l.key());
            }
            if (suspects.isEmpty()) break;
            List<Comparison.Row> again = Comparison.compare(baselineName, baseline, "re-run", rerunner.run(suspects), tolerance);
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                Comparison.Row second = l.verdict() == Verdict.SLOWER ? find(again, l.key()) : null;
                if (second != null && second.current() != null) {
                    // The least disturbed measurement decides: load only ever makes a benchmark look slower.
                    Comparison.Row best = l.rerun() == null || second.ratio() < l.rerun().ratio() ? second : l.rerun();
                    double ratio = Math.min(l.ratio(), second.ratio());
                    lines.set(i, new Line(l.first(), best, ratio, Comparison.verdict(ratio, tolerance)));
                }
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
