package org.mesocosm.policies.k8s;

import org.mesocosm.runtime.pods.ScorePlugin;

/** Score helpers shared by the plugins, with kube-scheduler's formulas. */
public final class Scores {
    private Scores() {}

    /**
     * kube-scheduler's DefaultNormalizeScore: scales scores so the highest becomes {@code max}
     * (or, reversed, the highest becomes 0 and 0 becomes {@code max}). If every score is 0,
     * reversed scores all become {@code max} and plain ones stay 0.
     */
    public static void defaultNormalize(long max, boolean reverse, long[] scores, int count) {
        long maxCount = 0;
        for (int i = 0; i < count; i++) if (scores[i] > maxCount) maxCount = scores[i];
        if (maxCount == 0) {
            if (reverse) for (int i = 0; i < count; i++) scores[i] = max;
            return;
        }
        for (int i = 0; i < count; i++) {
            long s = max * scores[i] / maxCount;
            scores[i] = reverse ? max - s : s;
        }
    }

    /** Min-max scaling to 0..100 (InterPodAffinity's NormalizeScore); all 0 if every score is equal. */
    public static void minMaxNormalize(long[] scores, int count) {
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, scores[i]);
            max = Math.max(max, scores[i]);
        }
        long diff = max - min;
        for (int i = 0; i < count; i++) {
            scores[i] = diff > 0 ? (long) (ScorePlugin.MAX_NODE_SCORE * ((double) (scores[i] - min) / diff)) : 0;
        }
    }
}
