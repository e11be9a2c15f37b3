package org.mesocosm.cli.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * One benchmark's primary score from a JMH JSON file, with the JSON object it came from (so a
 * merged file keeps JMH's raw data and JVM details).
 *
 * <p>The gate compares {@code best}, the best measurement iteration (least time per operation,
 * most operations per second), not JMH's mean: other tenants of a shared machine only ever add
 * time, so the best iteration is the one least disturbed by them. {@code forkBests} holds the
 * best iteration of each fork; when the reference was measured in as many forks, interleaved
 * with this benchmark's, the gate pairs them fork by fork ({@link Comparison}).
 *
 * <p>When the file records each iteration's CPU share (the benchmark JVM's CPU time over wall time,
 * secondary metric {@value #CPU_SHARE_METRIC}), {@code best} and {@code forkBests} are CPU-time
 * costs: each iteration's time per call times its share ({@code cpuAdjusted}). Time in which
 * other processes held the cores then does not count. {@code score} and {@code error} stay JMH's.
 *
 * <p>Scores are per operation: single-shot results ({@code ss}), which JMH reports per batch of
 * {@code measurementBatchSize} calls, are divided by the batch size when read.
 *
 * @param mode JMH's mode: {@code thrpt} (higher is better) or {@code avgt}, {@code sample}, {@code ss} (lower is better)
 * @param unit JMH's score unit, {@code ops/s}, {@code ms/op} and the like
 */
public record JmhResult(BenchKey key, String mode, double score, double error, double best, double[] forkBests, boolean cpuAdjusted,
                        String unit, Adjacent reference, JsonNode json) {

    /** The JSON field in which {@code mesocosm bench} stores the reference measured right before this benchmark. */
    public static final String REFERENCE_FIELD = "mesocosmReference";

    /** The secondary metric written by the bench module's CpuShareProfiler: CPU time over wall time, per iteration. */
    public static final String CPU_SHARE_METRIC = "mesocosm.cpu.share";

    /** In {@link #REFERENCE_FIELD}: the reference's CPU shares, forks of iterations like rawData. */
    public static final String CPU_SHARE_FIELD = "cpuShare";

    /** The reference benchmark's score from the JMH run just before this one (shared machines drift within minutes). */
    public record Adjacent(String mode, double best, double[] forkBests, boolean cpuAdjusted, String unit) {}

    /**
     * Cost of one operation in seconds, whatever the mode and unit: what the gate compares, so a
     * throughput result and a time result of the same benchmark are comparable.
     */
    public double secondsPerOp() {
        return ScoreUnit.secondsPerOp(best, unit, mode, key);
    }

    /** The adjacent reference's cost per operation in seconds, or NaN when the file has none for this result. */
    public double referenceSecondsPerOp() {
        return reference == null ? Double.NaN : ScoreUnit.secondsPerOp(reference.best(), reference.unit(), reference.mode(), key);
    }

    /** Each fork's best iteration as seconds per operation. */
    public double[] forkSecondsPerOp() {
        return seconds(forkBests, unit, mode);
    }

    /** The adjacent reference's forks as seconds per operation, or null when the file has none for this result. */
    public double[] referenceForkSecondsPerOp() {
        return reference == null ? null : seconds(reference.forkBests(), reference.unit(), reference.mode());
    }

    private double[] seconds(double[] values, String u, String m) {
        double[] s = new double[values.length];
        for (int i = 0; i < s.length; i++) s[i] = ScoreUnit.secondsPerOp(values[i], u, m, key);
        return s;
    }

    public String scoreText() {
        String err = Double.isNaN(error) ? "" : String.format(Locale.ROOT, " ± %s", Fmt3.sig(error));
        return Fmt3.sig(score) + err + " " + unit + " (" + mode + ")";
    }
}
