package org.mesocosm.cli.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * One benchmark's primary score from a JMH JSON file, with the JSON object it came from (so a
 * merged file keeps JMH's raw data and JVM details).
 *
 * <p>The gate compares {@code best}, the best measurement iteration (least time per operation,
 * most operations per second), not JMH's mean: other tenants of a shared machine only ever add
 * time, so the best iteration is the one least disturbed by them.
 *
 * @param mode JMH's mode: {@code thrpt} (higher is better) or {@code avgt}, {@code sample}, {@code ss} (lower is better)
 * @param unit JMH's score unit, {@code ops/s}, {@code ms/op} and the like
 */
public record JmhResult(BenchKey key, String mode, double score, double error, double best, String unit, Adjacent reference,
                        JsonNode json) {

    /** The JSON field in which {@code mesocosm bench} stores the reference measured right before this benchmark. */
    public static final String REFERENCE_FIELD = "mesocosmReference";

    /** The reference benchmark's score from the JMH run just before this one (shared machines drift within minutes). */
    public record Adjacent(String mode, double best, String unit) {}

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

    public String scoreText() {
        String err = Double.isNaN(error) ? "" : String.format(Locale.ROOT, " ± %s", Fmt3.sig(error));
        return Fmt3.sig(score) + err + " " + unit + " (" + mode + ")";
    }
}
