package org.mesocosm.cli.gate;

import java.util.Map;

/** Converts JMH score units to seconds per operation; JMH writes e.g. {@code ops/ms}, {@code us/op}. */
final class ScoreUnit {

    private static final Map<String, Double> SECONDS = Map.of(
            "ns", 1e-9, "us", 1e-6, "µs", 1e-6, "ms", 1e-3, "s", 1.0, "min", 60.0, "hr", 3600.0, "day", 86_400.0);

    private ScoreUnit() {}

    static double secondsPerOp(double score, String unit, String mode, BenchKey key) {
        if (!(score > 0) || Double.isInfinite(score)) {
            throw new GateInputException(key + ": score " + score + " is not a positive number");
        }
        String[] parts = unit == null ? new String[0] : unit.split("/");
        if (parts.length == 2 && parts[0].equals("ops") && SECONDS.containsKey(parts[1])) {
            if (!mode.equals("thrpt")) throw new GateInputException(key + ": unit " + unit + " does not fit mode " + mode);
            return SECONDS.get(parts[1]) / score;
        }
        if (parts.length == 2 && parts[1].equals("op") && SECONDS.containsKey(parts[0])) {
            if (mode.equals("thrpt")) throw new GateInputException(key + ": unit " + unit + " does not fit mode " + mode);
            return score * SECONDS.get(parts[0]);
        }
        throw new GateInputException(key + ": unknown score unit '" + unit + "' (expected ops/<time> or <time>/op)");
    }
}
