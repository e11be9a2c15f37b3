package org.mesocosm.bench;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.cli.gate.BenchKey;

/**
 * The benchmarks that {@code mesocosm bench} runs and the regression gate compares. To put a
 * benchmark in the gate, add one {@link #entry} line to {@link #QUICK}, then regenerate
 * {@code bench/baseline.json} (see bench/README.md).
 *
 * <p>Each entry fixes one set of parameters, so the quick run measures one size of each hot
 * path instead of every combination in the annotations, and a fixed amount of work: in the quick
 * run an iteration is a batch of a fixed number of calls (JMH single-shot mode), not a time
 * slice. A time slice on a loaded machine holds fewer calls, so the JIT would have compiled less
 * by the time measurement starts: counting calls makes the warmup the same on a busy machine as
 * on an idle one. Batches are sized to take roughly 0.1 to 0.3 s on an idle core. Warmups cover
 * one-off stalls seen at a fixed call count with -Xbatch: the pod cycle stalls for seconds around
 * its 5,000th pod, the simulation around its 17th run.
 */
public final class BenchSuite {

    /**
     * How much the quick run measures of one benchmark: warmup and measurement iterations, each
     * a batch of that many calls.
     */
    public record Work(int warmupIterations, int warmupBatch, int iterations, int batch) {
        public Work {
            if (warmupIterations < 0 || warmupBatch < 1 || iterations < 1 || batch < 1) throw new IllegalArgumentException("bad work " + this);
        }
    }

    /** One gated benchmark: what to run, and how much of it. */
    public record Entry(BenchKey key, Work work) {}

    /** The yardstick every score is normalized by (see {@link ReferenceBench}). Measured before each benchmark. */
    public static final Entry REFERENCE = entry(new Work(2, 10, 5, 10), ReferenceBench.class, "sortAndHash");

    public static final List<Entry> QUICK = List.of(
            entry(new Work(2, 300_000, 5, 300_000), EventQueueBench.class, "mesocosmQueue", "pending=100000"),
            entry(new Work(2, 1, 4, 1), DrfRoundBench.class, "offerRound", "agents=10000", "roles=100"),
            entry(new Work(3, 2_000, 5, 1_000), PodCycleBench.class, "scheduleOnePod", "nodes=5000", "sample=adaptive", "pods=plain"),
            entry(new Work(2, 1, 5, 1), TraceParseGateBench.class, "replayTaskEvents"),
            entry(new Work(5, 4, 5, 2), SimulationBench.class, "smallMixedRun", "nodes=50", "policy=drf"));

    /** The gate's self-test benchmark (not gated itself; see {@link GateProbeBench}). */
    public static final Entry PROBE = entry(new Work(3, 50_000, 5, 50_000), GateProbeBench.class, "holdOperation");

    /** Work for a benchmark run with --quick but not listed here. */
    static final Work DEFAULT_WORK = new Work(3, 1, 5, 1);

    private BenchSuite() {}

    /** Every entry the quick run knows how to size: the reference, the gated benchmarks, the probe. */
    public static List<Entry> known() {
        List<Entry> all = new ArrayList<>(QUICK);
        all.add(REFERENCE);
        all.add(PROBE);
        return all;
    }

    /** The work listed for {@code key}, else {@link #DEFAULT_WORK}. */
    static Work workFor(BenchKey key) {
        for (Entry e : known()) {
            if (e.key().equals(key)) return e.work();
        }
        return DEFAULT_WORK;
    }

    static Entry entry(Work work, Class<?> benchClass, String method, String... params) {
        return new Entry(BenchKey.of(benchClass.getName() + "." + method, params), work);
    }
}
