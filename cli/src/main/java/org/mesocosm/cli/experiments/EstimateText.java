package org.mesocosm.cli.experiments;

import java.util.Locale;
import org.mesocosm.reports.stats.Estimate;

/** Short human forms of estimates for tables: {@code 0.612 ±0.021}, {@code 4,975 ±310 ms}. */
final class EstimateText {
    private EstimateText() {}

    static String of(Estimate e, Metric m) {
        return of(e, m, true);
    }

    /**
     * Mean ±half-width (and the unit unless the column already names it); mean [low, high] when
     * the interval was cut at a bound of the metric and is no longer symmetric, written
     * {@code 0.690 [0\u20131]} to keep the column narrow. A value that rounds to
     * zero with a zero half-width, such as "-0.000 ±0.000" (every seed gave 0), is printed as 0.
     */
    static String of(Estimate e, Metric m, boolean withUnit) {
        if (e == null) return "n/a";
        String unit = withUnit && !m.unit().isEmpty() ? " " + m.unit() : "";
        String mean = number(e.mean(), m);
        String half = Double.isNaN(e.halfWidth()) ? "" : number(e.halfWidth(), m);
        if (isZero(mean) && (half.isEmpty() || isZero(half))) return "0" + unit;
        if (e.asymmetric()) return mean + " [" + bound(e.ciLow(), m) + "\u2013" + bound(e.ciHigh(), m) + "]" + unit; // cut at a bound: ± would misstate one side
        return mean + (half.isEmpty() ? "" : " \u00b1" + half) + unit;
    }

    private static boolean isZero(String s) {
        return s.matches("-?0(\\.0*)?");
    }

    static String interval(Estimate e, Metric m) {
        if (e == null || Double.isNaN(e.ciLow())) return "n/a";
        return "[" + number(e.ciLow(), m) + ", " + number(e.ciHigh(), m) + "]";
    }

    /** An interval's end, short where it is the metric's own bound (0, or 1 for a fraction): tables stay narrow. */
    private static String bound(double v, Metric m) {
        if (v == m.lowerBound()) return "0";
        if (v == m.upperBound()) return "1";
        return number(v, m);
    }

    static String number(double v, Metric m) {
        if (!Double.isFinite(v)) return "n/a";
        String s = rounded(v, m);
        return isZero(s) ? s.replace("-", "") : s; // no "-0.000"
    }

    private static String rounded(double v, Metric m) {
        if (m.isFraction()) return String.format(Locale.ROOT, "%.3f", v);
        double a = Math.abs(v);
        if (a >= 100 || v == Math.rint(v)) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** Pads every column to its widest cell. */
    static String table(java.util.List<String> header, java.util.List<java.util.List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) w[i] = header.get(i).length();
        for (var r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        for (var r : rows) line(sb, r, w);
        return sb.toString();
    }

    private static void line(StringBuilder sb, java.util.List<String> cells, int[] w) {
        for (int i = 0; i < w.length; i++) {
            String c = cells.get(i);
            if (i > 0) sb.append("  ");
            sb.append(i == 0 ? c + " ".repeat(w[i] - c.length()) : " ".repeat(w[i] - c.length()) + c);
        }
        sb.append('\n');
    }
}
