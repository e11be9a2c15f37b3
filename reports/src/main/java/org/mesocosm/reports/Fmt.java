package org.mesocosm.reports;

import java.util.Locale;

/**
 * Number formatting shared by the text table and the HTML report. Always {@link Locale#ROOT}:
 * the same run gives the same report bytes on every machine.
 */
final class Fmt {
    static final String NA = "n/a";

    private Fmt() {
    }

    /** A whole number with thousands separators: 12,345. */
    static String count(double v) {
        if (!Double.isFinite(v)) {
            return NA;
        }
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    /** A measurement with about three significant digits, no trailing zeros: 0.0123, 1.5, 12.3, 120, 12,345. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return NA;
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        } else if (a >= 999.95) { // 999.96 would print as "1000.0" below
            return String.format(Locale.ROOT, "%,.0f", v);
        } else if (a >= 100) {
            return trimZeros(String.format(Locale.ROOT, "%.1f", v));
        } else if (a >= 1) {
            return trimZeros(String.format(Locale.ROOT, "%.2f", v));
        } else if (a >= 0.001) {
            return trimZeros(String.format(Locale.ROOT, "%.4f", v));
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }

    private static String trimZeros(String decimal) {
        String s = decimal.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A fraction 0..1 as a percentage: 0.7342 → 73.4%. */
    static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return NA;
        }
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A fraction with a fixed number of decimals: 0.981. */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return NA;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
