package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.reports.stats.Estimate;
import org.mesocosm.reports.stats.PairedComparison;

/**
 * The statistics of a comparison: per policy and metric a mean with its 95% CI, and per pair of
 * policies and metric the paired difference (a − b over the seeds both completed) with a paired
 * t-test and a Wilcoxon signed-rank p-value.
 *
 * @param runs per policy, in policy order, one outcome per seed in seed order
 */
public record Comparison(List<String> policies, long[] seeds, List<List<ExperimentEngine.Outcome<RunPoint, RunRecord>>> runs) {

    public Map<Metric, Estimate> estimates(int policy) {
        return Samples.estimates(Samples.ok(runs.get(policy)));
    }

    /** Paired comparison of policies a and b on metric m, over the seeds where both runs succeeded; null with none. */
    public PairedComparison paired(int a, int b, Metric m) {
        List<Double> xa = new ArrayList<>();
        List<Double> xb = new ArrayList<>();
        for (int s = 0; s < seeds.length; s++) {
            var ra = runs.get(a).get(s);
            var rb = runs.get(b).get(s);
            // a metric that is n/a (NaN) in either run of a seed leaves that seed out of the pair
            if (ra.ok() && rb.ok() && !Double.isNaN(ra.value().get(m)) && !Double.isNaN(rb.value().get(m))) {
                xa.add(ra.value().get(m));
                xb.add(rb.value().get(m));
            }
        }
        if (xa.isEmpty()) return null;
        return PairedComparison.of(xa.stream().mapToDouble(Double::doubleValue).toArray(), xb.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public void writeCompareCsv(Path file) throws IOException {
        Csv csv = new Csv("policy", "metric", "mean", "ci95_low", "ci95_high", "n");
        for (int p = 0; p < policies.size(); p++) {
            Map<Metric, Estimate> est = estimates(p);
            for (Metric m : Metric.values()) {
                Estimate e = est.get(m);
                if (e == null) csv.row(policies.get(p), m.key(), Double.NaN, Double.NaN, Double.NaN, 0);
                else csv.row(policies.get(p), m.key(), e.mean(), e.ciLow(), e.ciHigh(), e.n());
            }
        }
        csv.write(file);
    }

    /** Two rows per pair and metric: the paired t-test and the Wilcoxon signed-rank test on the same differences. */
    public void writePairedCsv(Path file) throws IOException {
        Csv csv = new Csv("policy_a", "policy_b", "metric", "mean_diff", "ci95_low", "ci95_high", "p_value", "test", "n");
        for (int a = 0; a < policies.size(); a++) {
            for (int b = a + 1; b < policies.size(); b++) {
                for (Metric m : Metric.values()) {
                    PairedComparison pc = paired(a, b, m);
                    if (pc == null) continue;
                    Estimate d = pc.difference();
                    csv.row(policies.get(a), policies.get(b), m.key(), d.mean(), d.ciLow(), d.ciHigh(), pc.tTestP(), "paired_t", d.n());
                    csv.row(policies.get(a), policies.get(b), m.key(), d.mean(), d.ciLow(), d.ciHigh(), pc.wilcoxonP(), "wilcoxon", d.n());
                }
            }
        }
        csv.write(file);
    }

    /** One row per run: every metric and the digest (deterministic: no wall time). */
    public void writeRunsCsv(Path file) throws IOException {
        List<String> header = new ArrayList<>(List.of("policy", "seed", "status"));
        for (Metric m : Metric.values()) header.add(m.key());
        header.add("event_log_sha256");
        Csv csv = new Csv(header.toArray(String[]::new));
        for (int p = 0; p < policies.size(); p++) {
            for (int s = 0; s < seeds.length; s++) csv.row(RunRows.row(List.of(policies.get(p), seeds[s]), runs.get(p).get(s)));
        }
        csv.write(file);
    }
}
