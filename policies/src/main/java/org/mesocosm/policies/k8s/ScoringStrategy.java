package org.mesocosm.policies.k8s;

import org.mesocosm.runtime.pods.ScorePlugin;

/**
 * NodeResourcesFit's scoring strategies, with kube-scheduler's integer formulas over cpu and
 * memory (weight 1 each), on requests with the non-zero defaults (100m cpu, 200 MiB) that
 * kube-scheduler uses for scoring.
 */
public enum ScoringStrategy {
    /** Prefer the node with the most left: avg over resources of (capacity - requested) * 100 / capacity. Spreads. */
    LEAST_ALLOCATED,
    /** Prefer the fullest node: avg over resources of requested * 100 / capacity. Packs (bin packing). */
    MOST_ALLOCATED;

    /** Score of one resource, 0..100; {@code requested} includes the incoming pod. */
    public long resourceScore(long requested, long capacity) {
        if (capacity == 0) return 0;
        long part;
        if (this == LEAST_ALLOCATED) {
            if (requested > capacity) return 0;
            part = capacity - requested;
        } else {
            part = Math.min(requested, capacity);
        }
        return divide(part * ScorePlugin.MAX_NODE_SCORE, capacity);
    }

    /** n / d for 0 <= n <= 100 d: in 32 bits when d allows (the same quotient, a much cheaper division; every node scores this). */
    private static long divide(long n, long d) {
        return d <= Integer.MAX_VALUE / ScorePlugin.MAX_NODE_SCORE ? (int) n / (int) d : n / d;
    }

    /** Node score: the weighted mean (integer division, as kube-scheduler) of the cpu and memory scores; resources a node lacks are left out. */
    public long nodeScore(long requestedCpu, long capacityCpu, long requestedMem, long capacityMem) {
        if (capacityCpu > 0 && capacityMem > 0) return (resourceScore(requestedCpu, capacityCpu) + resourceScore(requestedMem, capacityMem)) / 2;
        long score = 0, weights = 0;
        if (capacityCpu > 0) {
            score += resourceScore(requestedCpu, capacityCpu);
            weights++;
        }
        if (capacityMem > 0) {
            score += resourceScore(requestedMem, capacityMem);
            weights++;
        }
        return weights == 0 ? 0 : score / weights;
    }

    public static ScoringStrategy parse(String s) {
        return switch (s) {
            case "least-allocated" -> LEAST_ALLOCATED;
            case "most-allocated" -> MOST_ALLOCATED;
            default -> throw new IllegalArgumentException("unknown scoring strategy '" + s + "' (valid: least-allocated, most-allocated)");
        };
    }
}
