package org.mesocosm.runtime.policy;

/** Parses and prints human durations ({@code 250ms}, {@code 5s}, {@code 10m}, {@code 2h}, {@code 7d}). */
public final class Durations {
    private Durations() {}

    public static long parseMicros(String v) {
        String s = v.trim().toLowerCase();
        long unit;
        String num;
        if (s.endsWith("us")) { unit = 1; num = s.substring(0, s.length() - 2); }
        else if (s.endsWith("ms")) { unit = 1_000; num = s.substring(0, s.length() - 2); }
        else if (s.endsWith("s")) { unit = 1_000_000; num = s.substring(0, s.length() - 1); }
        else if (s.endsWith("m")) { unit = 60_000_000L; num = s.substring(0, s.length() - 1); }
        else if (s.endsWith("h")) { unit = 3_600_000_000L; num = s.substring(0, s.length() - 1); }
        else if (s.endsWith("d")) { unit = 86_400_000_000L; num = s.substring(0, s.length() - 1); }
        else { unit = 1_000_000; num = s; }
        try {
            double d = Double.parseDouble(num);
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
            return Math.round(d * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + v + "' (try 500ms, 5s, 10m, 2h, 7d)");
        }
    }
}
