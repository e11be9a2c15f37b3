package org.mesocosm.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.SimConfig;
import org.mesocosm.sim.Simulation;
import org.mesocosm.workloads.ClusterShapes;
import org.mesocosm.workloads.MixedWorkload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole small simulation, end to end: the built-in mixed workload (50 tasks per node) on N
 * default nodes under a policy, from the first arrival until all work is done, with metrics
 * recorded but no files written. This catches slowdowns anywhere on the path (workload
 * generation, event queue, master, policy, metrics) that the focused benchmarks miss.
 *
 * <p>One call is a whole simulation of tens of milliseconds, so a few seconds of warmup are only
 * a few dozen calls, and whether the hot code got compiled by then depended on whether the JIT's
 * background compiler thread got a core: on a loaded 2-core machine forks measured anywhere
 * between 17 and 203 ms/op. {@code -Xbatch} compiles in the calling thread (the same code is
 * compiled after the same calls, loaded or not) and the serial collector adds no threads of its
 * own to compete for the cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseSerialGC", "-Xbatch"})
public class SimulationBench {

    @Param({"50"})
    int nodes;

    @Param({"drf"})
    String policy;

    static final long SEED = 7;

    @Benchmark
    public long smallMixedRun() {
        List<NodeGroup> cluster = ClusterShapes.uniform(nodes, ClusterShapes.DEFAULT_NODE);
        SimConfig cfg = SimConfig.defaults(cluster, SEED);
        MetricsRecorder metrics = new MetricsRecorder(TaskRowSink.NONE);
        Simulation.Result r = new Simulation(cfg, MixedWorkload.defaultFor(nodes, SEED), PolicyRegistry.load().create(policy),
                metrics, List.of()).run();
        return r.events();
    }
}
