package org.mesocosm.cli.experiments;

import java.util.List;
import org.mesocosm.runtime.metrics.LongSamples;
import org.mesocosm.runtime.metrics.MetricsRecorder;

/**
 * One run's curves for the comparison charts, sampled at the timeline's sample times.
 *
 * @param hours sample times, simulated hours
 * @param cpuAlloc allocated CPU / capacity of up agents
 * @param fairness Jain's index of the roles' dominant shares at each sample (NaN with no role holding resources)
 * @param preemptions preemptions so far at each sample
 * @param latencyQuantilesMs scheduling latency at quantiles {@link #QUANTILES}, in ms
 */
public record RunCurves(double[] hours, double[] cpuAlloc, double[] fairness, double[] preemptions, double[] latencyQuantilesMs) {

    /** Quantile levels of the latency curve: 1/400 … 1, dense enough that the p99 tail keeps its shape. */
    public static final double[] QUANTILES = quantiles(400);

    private static double[] quantiles(int n) {
        double[] q = new double[n];
        for (int i = 0; i < n; i++) q[i] = (i + 1) / (double) n;
        return q;
    }

    static RunCurves of(MetricsRecorder m, long[] preemptionTimesMicros) {
        List<MetricsRecorder.TimelineRow> rows = m.timeline();
        int n = rows.size();
        double[] hours = new double[n];
        double[] cpu = new double[n];
        double[] jain = new double[n];
        double[] pre = new double[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            MetricsRecorder.TimelineRow r = rows.get(i);
            hours[i] = r.atMicros() / 3.6e9;
            cpu[i] = r.cpuAlloc();
            jain[i] = jain(r.shares());
            while (next < preemptionTimesMicros.length && preemptionTimesMicros[next] <= r.atMicros()) next++;
            pre[i] = next;
        }
        LongSamples lat = m.latencyMicros();
        double[] latency = new double[QUANTILES.length];
        for (int i = 0; i < latency.length; i++) latency[i] = lat.size() == 0 ? Double.NaN : lat.percentile(QUANTILES[i]) / 1e3;
        return new RunCurves(hours, cpu, jain, pre, latency);
    }

    /** Jain's index (sum x)^2 / (n sum x^2) over roles with a share; NaN when none has one, 1 for a single role. */
    static double jain(double[] shares) {
        double sum = 0;
        double sumSq = 0;
        int k = 0;
        for (double s : shares) {
            if (s > 0) {
                sum += s;
                sumSq += s * s;
                k++;
            }
        }
        return k == 0 ? Double.NaN : sum * sum / (k * sumSq);
    }
}
