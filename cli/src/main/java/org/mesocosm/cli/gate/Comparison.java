package org.mesocosm.cli.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate's arithmetic, free of I/O. A benchmark's normalized cost is its cost per operation
 * divided by the reference benchmark's cost per operation in the same run (the reference
 * measured right before it when the file records one, else the file's reference result); the
 * ratio is the current normalized cost over the baseline's. Costs are from each fork's best
 * iteration. When the reference ran in as many forks as the benchmark, alternating with it
 * (reference, benchmark, reference, benchmark, ...), each fork is divided by the reference fork
 * just before it and the normalized cost is the median of those per-fork ratios: one fork that
 * a neighbour's build slowed, or whose JIT went another way, cannot move it. Ratio 1.25 means
 * 25% slower relative to what the machine could do at the time, whatever the machine.
 */
public final class Comparison {

    /** The reference benchmark every score is divided by (bench module, ReferenceBench). */
    public static final String REFERENCE_BENCHMARK = "org.mesocosm.bench.ReferenceBench.sortAndHash";

    /**
     * One compared benchmark. {@code baseline}/{@code current} are null for NEW/MISSING;
     * {@code ratio} is NaN then.
     */
    public record Row(BenchKey key, JmhResult baseline, JmhResult current, double ratio, Verdict verdict) {}

    private Comparison() {}

    /** Compares every benchmark of both runs (except the reference), baseline order first, then new ones. */
    public static List<Row> compare(String baselineName, List<JmhResult> baseline, String currentName, List<JmhResult> current,
                                    double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        Map<BenchKey, JmhResult> base = index(baselineName, baseline);
        Map<BenchKey, JmhResult> now = index(currentName, current);
        double baseRef = reference(baselineName, base).secondsPerOp();
        double nowRef = reference(currentName, now).secondsPerOp();
        List<Row> rows = new ArrayList<>();
        for (JmhResult b : base.values()) {
            if (isReference(b.key())) continue;
            JmhResult c = now.get(b.key());
            if (c == null) {
                rows.add(new Row(b.key(), b, null, Double.NaN, Verdict.MISSING));
                continue;
            }
            double ratio = normalized(c, nowRef) / normalized(b, baseRef);
            rows.add(new Row(b.key(), b, c, ratio, verdict(ratio, tolerance)));
        }
        for (JmhResult c : now.values()) {
            if (!isReference(c.key()) && !base.containsKey(c.key())) {
                c.secondsPerOp(); // a bad unit is bad input even for a benchmark we do not judge yet
                rows.add(new Row(c.key(), null, c, Double.NaN, Verdict.NEW));
            }
        }
        return rows;
    }

    static double normalized(JmhResult r, double fileReference) {
        double[] forks = r.forkSecondsPerOp();
        double[] refs = r.referenceForkSecondsPerOp();
        if (refs != null && refs.length == forks.length && forks.length > 1) {
            double[] ratios = new double[forks.length];
            for (int i = 0; i < ratios.length; i++) ratios[i] = forks[i] / refs[i];
            return median(ratios);
        }
        double adjacent = r.referenceSecondsPerOp();
        return r.secondsPerOp() / (Double.isNaN(adjacent) ? fileReference : adjacent);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Slower when the cost grew beyond the tolerance, faster when it shrank beyond it. */
    public static Verdict verdict(double ratio, double tolerance) {
        if (ratio > 1 + tolerance) return Verdict.SLOWER;
        if (ratio < 1 - tolerance) return Verdict.FASTER;
        return Verdict.OK;
    }

    public static boolean isReference(BenchKey key) {
        return key.benchmark().equals(REFERENCE_BENCHMARK);
    }

    public static JmhResult reference(String name, Map<BenchKey, JmhResult> results) {
        for (JmhResult r : results.values()) {
            if (isReference(r.key())) return r;
        }
        throw new GateInputException(name + ": no result for the reference benchmark " + REFERENCE_BENCHMARK
                + " (make the file with 'mesocosm bench')");
    }

    static Map<BenchKey, JmhResult> index(String name, List<JmhResult> results) {
        Map<BenchKey, JmhResult> m = new LinkedHashMap<>();
        for (JmhResult r : results) {
            if (m.put(r.key(), r) != null) throw new GateInputException(name + ": " + r.key() + " appears twice");
        }
        return m;
    }
}
