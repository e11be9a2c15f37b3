package org.mesocosm.cli.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mesocosm.reports.stats.Estimate;
import org.mesocosm.runtime.policy.Durations;

/**
 * A service-level objective on a run metric, e.g. {@code sched_latency_p99<5s} or
 * {@code cpu_utilization>0.6}. It is met with 95% confidence only when the whole confidence
 * interval of the mean over seeds is on the right side of the threshold: the upper bound below
 * a {@code <} threshold, the lower bound above a {@code >} one.
 *
 * @param threshold in the metric's own unit (ms, s, a fraction or a count)
 */
public record Slo(Metric metric, boolean below, double threshold, String text) {

    public static List<Slo> parseList(String spec) {
        List<Slo> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) continue;
            Slo s = parse(part.trim());
            for (Slo seen : out) {
                if (seen.metric() == s.metric() && seen.below() == s.below()) {
                    throw new IllegalArgumentException("SLO '" + s.text() + "': " + s.metric().key() + (s.below() ? " <" : " >") + " is given twice");
                }
            }
            out.add(s);
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--slo is empty; e.g. \"sched_latency_p99<5s,cpu_utilization>0.6\"");
        return List.copyOf(out);
    }

    public static Slo parse(String s) {
        int lt = s.indexOf('<');
        int gt = s.indexOf('>');
        if ((lt < 0) == (gt < 0)) throw new IllegalArgumentException("SLO '" + s + "' is not METRIC<VALUE or METRIC>VALUE");
        int at = Math.max(lt, gt);
        Metric m;
        try {
            m = Metric.byKey(s.substring(0, at).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SLO '" + s + "': " + e.getMessage());
        }
        if (m.trend() == Metric.Trend.UNKNOWN) {
            throw new IllegalArgumentException("SLO '" + s + "': " + m.key() + " does not move predictably with cluster size, so it cannot size a cluster");
        }
        return new Slo(m, lt >= 0, value(m, s.substring(at + 1).trim(), s), s);
    }

    /** A threshold in the metric's unit: durations for ms and s metrics (5s, 500ms; a bare number is in the metric's unit), percentages for fractions. */
    private static double value(Metric m, String v, String slo) {
        try {
            if (v.isEmpty()) throw new IllegalArgumentException();
            if (m.unit().equals("ms") || m.unit().equals("s")) {
                boolean bare = Character.isDigit(v.charAt(v.length() - 1));
                if (bare) return positive(Double.parseDouble(v));
                double micros = Durations.parseMicros(v);
                return m.unit().equals("ms") ? micros / 1e3 : micros / 1e6;
            }
            if (v.endsWith("%")) return positive(Double.parseDouble(v.substring(0, v.length() - 1)) / 100);
            return positive(Double.parseDouble(v));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SLO '" + slo + "': '" + v + "' is not a valid threshold for " + m.key()
                    + (m.unit().isEmpty() ? "" : " (a duration such as 5s or 500ms)"));
        }
    }

    private static double positive(double d) {
        if (!(d >= 0) || Double.isInfinite(d)) throw new IllegalArgumentException();
        return d;
    }

    /** True when a bigger cluster helps meet this SLO (it sets a lower bound on size), false when it hurts. */
    public boolean needsCapacity() {
        boolean falls = metric.trend() == Metric.Trend.FALLS;
        return below == falls;
    }

    /** Met with 95% confidence; never with fewer than two values (no interval). */
    public boolean met(Estimate e) {
        if (e == null || Double.isNaN(e.ciLow())) return false;
        return below ? e.ciHigh() < threshold : e.ciLow() > threshold;
    }

    public String thresholdText() {
        return (below ? "< " : "> ") + EstimateText.number(threshold, metric) + (metric.unit().isEmpty() ? "" : " " + metric.unit());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s", metric.key(), thresholdText());
    }
}
