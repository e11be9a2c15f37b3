package org.mesocosm.workloads;

import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.util.FastMath;
import org.mesocosm.runtime.model.Resources;

/**
 * Closed-form expectations of the mixed workload, used to pick arrival rates that hit a target
 * load. Everything is computed exactly from the settings (no sampling), so the rate, and with it
 * every arrival time, is a pure function of the settings.
 *
 * <p>Resources are handled as 4-vectors (cpu, memory, disk, gpus) and loads as fractions of the
 * cluster's capacity per dimension; a dimension the cluster lacks or nobody asks for is skipped.
 */
final class LoadModel {
    static final int DIMS = 4;

    private LoadModel() {}

    static double[] vector(Resources r) {
        return new double[] {r.cpuMillis(), r.memMiB(), r.diskMiB(), r.gpus()};
    }

    /** Weighted mean of a request table. */
    static double[] meanRequest(List<Weighted<Resources>> table) {
        double[] mean = new double[DIMS];
        double total = Weighted.totalWeight(table);
        for (Weighted<Resources> w : table) {
            double[] v = vector(w.value());
            for (int d = 0; d < DIMS; d++) mean[d] += v[d] * w.weight() / total;
        }
        return mean;
    }

    /** Mean of Zipf(n, s) on 1..n: sum k^(1-s) / sum k^(-s). */
    static double meanZipf(int n, double s) {
        double num = 0;
        double den = 0;
        for (int k = 1; k <= n; k++) {
            double p = FastMath.pow(k, -s);
            num += k * p;
            den += p;
        }
        return num / den;
    }

    /**
     * Mean task duration. A task's duration is the job's log-normal draw times its own log-normal
     * jitter, so marginally it is log-normal with mu = ln(median) and
     * sigma = sqrt(sigmaJob^2 + sigmaTask^2), then clamped to [lo, hi]. For X log-normal:
     * E[clamp(X, lo, hi)] = lo P(X &lt; lo) + E[X; lo &le; X &le; hi] + hi P(X &gt; hi), where
     * E[X; lo &le; X &le; hi] = exp(mu + sigma^2/2) (Phi((ln hi - mu - sigma^2)/sigma) - Phi((ln lo - mu - sigma^2)/sigma)).
     */
    static double meanDurationMicros(BatchShape b) {
        double mu = FastMath.log(b.medianDurationMicros());
        double sigma = FastMath.sqrt(b.jobDurationSigma() * b.jobDurationSigma() + b.taskDurationSigma() * b.taskDurationSigma());
        double lo = b.minDurationMicros();
        double hi = b.maxDurationMicros();
        if (sigma == 0) return Math.min(hi, Math.max(lo, b.medianDurationMicros()));
        double lnLo = FastMath.log(lo);
        double lnHi = FastMath.log(hi);
        double s2 = sigma * sigma;
        double middle = FastMath.exp(mu + s2 / 2) * (phi((lnHi - mu - s2) / sigma) - phi((lnLo - mu - s2) / sigma));
        return lo * phi((lnLo - mu) / sigma) + middle + hi * (1 - phi((lnHi - mu) / sigma));
    }

    /** Standard normal CDF. */
    static double phi(double z) {
        return 0.5 * Erf.erfc(-z / FastMath.sqrt(2));
    }

    static double meanPipelineSteps() {
        return (JobFactory.MIN_PIPELINE_STEPS + JobFactory.MAX_PIPELINE_STEPS) / 2.0;
    }

    /** Task instances in an average non-service job: a pipeline has one Zipf-sized group per step. */
    static double instancesPerBatchJob(MixedWorkload.Settings s) {
        double groups = 1 - s.pipelineFraction() + s.pipelineFraction() * meanPipelineSteps();
        return groups * meanZipf(s.batch().maxTasksPerJob(), s.batch().tasksPerJobExponent());
    }

    /** Mean of the services' per-instance request as a fraction of cluster capacity, per dimension. */
    private static double[] serviceRequestShare(MixedWorkload.Settings s) {
        double[] req = meanRequest(s.services().requests());
        double[] cap = vector(s.clusterCapacity());
        double[] share = new double[DIMS];
        for (int d = 0; d < DIMS; d++) share[d] = cap[d] > 0 ? req[d] / cap[d] : 0;
        return share;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    /**
     * Services' expected steady share per dimension: generation stops when the services' budget
     * (serviceShare of capacity) is used up on their dominant dimension; the other dimensions fill
     * in proportion to the mean replica shape.
     */
    static double[] serviceShares(MixedWorkload.Settings s) {
        double[] share = serviceRequestShare(s);
        double top = max(share);
        double[] out = new double[DIMS];
        for (int d = 0; d < DIMS; d++) out[d] = top > 0 ? s.serviceShare() * share[d] / top : 0;
        return out;
    }

    /** How many services fill the budget, on average: sets the Poisson rate of the ramp. */
    static double expectedServices(MixedWorkload.Settings s) {
        double perService = max(serviceRequestShare(s)) * (s.services().minInstances() + s.services().maxInstances()) / 2.0;
        return perService > 0 ? s.serviceShare() / perService : 0;
    }

    /**
     * Poisson rate of batch and pipeline jobs, per second. With shapes, sizes and durations drawn
     * independently, batch jobs arriving at rate lambda offer on dimension d, as a fraction of
     * capacity, b_d = lambda * E[instances per job] * E[request_d] * E[duration] / capacity_d.
     * Services add their steady share s_d. The load is the dominant dimension's total,
     * max_d (s_d + b_d); it reaches the target first on the dimension with the smallest
     * (load - s_d) / (b_d / lambda), so that ratio is the rate. Retries of failed attempts add
     * about failureProbability more work and are not counted here.
     */
    static double batchJobsPerSecond(MixedWorkload.Settings s) {
        double[] cap = vector(s.clusterCapacity());
        double[] req = meanRequest(s.batch().requests());
        double[] services = serviceShares(s);
        double seconds = meanDurationMicros(s.batch()) / 1e6;
        double instances = instancesPerBatchJob(s);
        double rate = Double.POSITIVE_INFINITY;
        for (int d = 0; d < DIMS; d++) {
            if (cap[d] == 0 || req[d] == 0) continue;
            double perJob = instances * req[d] * seconds / cap[d];
            rate = Math.min(rate, Math.max(0, s.load() - services[d]) / perJob);
        }
        return Double.isInfinite(rate) ? 0 : rate;
    }
}
