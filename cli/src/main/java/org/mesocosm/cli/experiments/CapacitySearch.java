package org.mesocosm.cli.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.reports.stats.Estimate;

/**
 * Finds the smallest cluster that meets every SLO with 95% confidence, with as few sizes
 * evaluated as bracketing and bisection need.
 *
 * <p>SLOs that a bigger cluster helps (latency below X) set a lower bound on the size; those it
 * hurts (utilization above Y) an upper bound. The search finds the smallest size meeting every
 * lower-bound SLO: from the start size it halves until one fails or doubles until one passes,
 * then bisects until the bracket is within the precision. If a doubling leaves a failing
 * lower-bound SLO no better, capacity is not its limit and the search stops with that reason. The upper-bound SLOs can only get
 * worse above that size, so they are checked there: if they fail, no size meets every SLO.
 * Metrics are assumed monotone in size; with noise near the threshold the answer is the
 * smallest size at which the bisection saw every lower-bound SLO met.
 */
public final class CapacitySearch {

    /** Metric estimates over seeds for a cluster of the given size. */
    @FunctionalInterface
    public interface Evaluator {
        Map<Metric, Estimate> evaluate(int nodes) throws Exception;
    }

    /** One evaluated size. */
    public record Step(int nodes, Map<Metric, Estimate> estimates, List<Slo> failed) {
        public boolean meetsAll() {
            return failed.isEmpty();
        }
    }

    /**
     * @param nodes the answer (smallest size meeting every SLO), or -1 when there is none
     * @param reason why there is no answer, else null
     */
    public record Answer(int nodes, String reason, List<Step> evidence) {}

    private final List<Slo> slos;
    private final int minNodes;
    private final int maxNodes;
    private final double precision;
    private final Evaluator evaluator;
    private final TreeMap<Integer, Step> steps = new TreeMap<>();

    /** @param precision stop when the bracket is narrower than this fraction of its upper end (and 1 node) */
    public CapacitySearch(List<Slo> slos, int minNodes, int maxNodes, double precision, Evaluator evaluator) {
        if (slos.stream().noneMatch(Slo::needsCapacity)) {
            throw new IllegalArgumentException("every SLO is met better by a smaller cluster (" + slos
                    + "); add one that needs capacity, e.g. sched_latency_p99<5s");
        }
        if (minNodes < 1 || maxNodes < minNodes) throw new IllegalArgumentException("need 1 <= min nodes <= max nodes");
        if (!(precision >= 0 && precision < 1)) throw new IllegalArgumentException("precision must be in [0, 1)");
        this.slos = slos;
        this.minNodes = minNodes;
        this.maxNodes = maxNodes;
        this.precision = precision;
        this.evaluator = evaluator;
    }

    public Answer search(int start) throws Exception {
        int n = Math.max(minNodes, Math.min(maxNodes, start));
        int lo;
        int hi;
        if (enough(n)) {
            hi = n;
            lo = n;
            while (true) {
                if (lo == minNodes) return answer(minNodes);
                lo = Math.max(minNodes, lo / 2);
                if (!enough(lo)) break;
                hi = lo;
            }
        } else {
            lo = n;
            hi = n;
            while (true) {
                if (hi == maxNodes) {
                    String wide = ciTooWide(steps.get(hi));
                    if (wide != null) return new Answer(-1, wide, evidence());
                    return new Answer(-1, "no cluster of up to " + maxNodes + " nodes meets " + lowerText() + " with 95% confidence", evidence());
                }
                hi = (int) Math.min(maxNodes, 2L * hi);
                if (enough(hi)) break;
                String stuck = noImprovement(lo, hi);
                if (stuck != null) return new Answer(-1, stuck, evidence());
                lo = hi;
            }
        }
        while (hi - lo > Math.max(1, Math.ceil(hi * precision))) {
            int mid = lo + (hi - lo) / 2;
            if (enough(mid)) hi = mid;
            else lo = mid;
        }
        return answer(hi);
    }

    private Answer answer(int nodes) {
        Step s = steps.get(nodes);
        if (!s.meetsAll()) {
            String wide = ciTooWide(s);
            if (wide != null) return new Answer(-1, wide, evidence());
            return new Answer(-1, "the smallest cluster meeting " + lowerText() + " has " + nodes + " nodes, but there "
                    + String.join(" and ", s.failed().stream().map(f -> f.toString() + " is not met").toList())
                    + "; a bigger cluster only lowers it", evidence());
        }
        return new Answer(nodes, null, evidence());
    }

    /**
     * A failing lower-bound SLO whose mean did not move the right way when the cluster grew from
     * {@code from} to {@code to} nodes: capacity is not what limits it (say, a latency floor set by
     * the policy's own cycle), and doubling further would only burn time on ever larger clusters.
     */
    private String noImprovement(int from, int to) {
        Step a = steps.get(from);
        Step b = steps.get(to);
        for (Slo slo : b.failed()) {
            if (!slo.needsCapacity()) continue;
            double before = a.estimates().get(slo.metric()).mean();
            double after = b.estimates().get(slo.metric()).mean();
            boolean better = slo.below() ? after < before : after > before;
            if (!better) {
                String wide = ciTooWide(b);
                if (wide != null) return wide; // the mean meets it already: seeds, not the policy, are short
                return slo.metric().key() + " did not improve from " + from + " to " + to + " nodes ("
                        + EstimateText.number(before, slo.metric()) + " then " + EstimateText.number(after, slo.metric())
                        + (slo.metric().unit().isEmpty() ? "" : " " + slo.metric().unit()) + "), so more capacity will not meet " + slo
                        + "; the limit is elsewhere (e.g. the policy's own cycle)";
            }
        }
        return null;
    }

    /**
     * A failing SLO whose mean already meets its threshold: what fails is the width of the 95% CI,
     * which more seeds narrow, not the cluster or the policy. The seeds suggested scale the current
     * count by (half-width / margin)^2, the CI shrinking as 1/sqrt(n).
     */
    static String ciTooWide(Step s) {
        for (Slo slo : s.failed()) {
            Estimate e = s.estimates().get(slo.metric());
            if (e == null || !Double.isFinite(e.halfWidth()) || e.n() < 2) continue;
            boolean meanMeets = slo.below() ? e.mean() < slo.threshold() : e.mean() > slo.threshold();
            if (!meanMeets) continue;
            double margin = Math.abs(slo.threshold() - e.mean());
            long seeds = (long) Math.ceil(e.n() * Math.pow(e.halfWidth() / margin, 2)) + 1;
            String unit = slo.metric().unit().isEmpty() ? "" : " " + slo.metric().unit();
            return "95% CI wider than the SLO: add seeds. At " + String.format(java.util.Locale.ROOT, "%,d", s.nodes()) + " nodes the mean "
                    + slo.metric().key() + " " + EstimateText.number(e.mean(), slo.metric()) + unit + " meets " + slo + ", but its 95% CI "
                    + EstimateText.interval(e, slo.metric()) + unit + " over " + e.n() + " seeds does not; about --seeds "
                    + Math.max(seeds, e.n() + 1L) + " would narrow it enough";
        }
        return null;
    }

    private String lowerText() {
        return String.join(" and ", slos.stream().filter(Slo::needsCapacity).map(Slo::toString).toList());
    }

    /** Every lower-bound SLO met at this size (evaluating it once). */
    private boolean enough(int nodes) throws Exception {
        Step s = steps.get(nodes);
        if (s == null) {
            Map<Metric, Estimate> est = evaluator.evaluate(nodes);
            List<Slo> failed = new ArrayList<>();
            for (Slo slo : slos) if (!slo.met(est.get(slo.metric()))) failed.add(slo);
            s = new Step(nodes, est, List.copyOf(failed));
            steps.put(nodes, s);
        }
        return s.failed().stream().noneMatch(Slo::needsCapacity);
    }

    public List<Step> evidence() {
        return List.copyOf(steps.values());
    }
}
