package org.mesocosm.bench;

import java.util.List;
import org.mesocosm.cli.gate.BenchKey;

/**
 * The benchmarks that {@code mesocosm bench} runs and the regression gate compares. To put a
 * benchmark in the gate, add one {@link #entry} line to {@link #QUICK}, then regenerate
 * {@code bench/baseline.json} (see bench/README.md).
 *
 * <p>Each entry fixes one set of parameters, so the quick run measures one size of each hot
 * path instead of every combination in the annotations.
 */
public final class BenchSuite {

    /** The yardstick every score is normalized by (see {@link ReferenceBench}). Always run first. */
    public static final BenchKey REFERENCE = entry(ReferenceBench.class, "sortAndHash");

    public static final List<BenchKey> QUICK = List.of(
            entry(EventQueueBench.class, "mesocosmQueue", "pending=100000"),
            entry(DrfRoundBench.class, "offerRound", "agents=10000", "roles=100"),
            entry(SimulationBench.class, "smallMixedRun", "nodes=50", "policy=drf"));

    private BenchSuite() {}

    static BenchKey entry(Class<?> benchClass, String method, String... params) {
        return BenchKey.of(benchClass.getName() + "." + method, params);
    }
}
