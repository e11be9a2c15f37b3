package org.mesocosm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mesocosm.cli.fgd.Arrivals;
import org.mesocosm.policies.gpu.GpuCluster;
import org.mesocosm.policies.gpu.GpuPlacer;
import org.mesocosm.policies.gpu.GpuPolicies;
import org.mesocosm.policies.gpu.Placement;
import org.mesocosm.policies.gpu.TargetWorkload;
import org.mesocosm.runtime.model.gpu.GpuNodeSpec;
import org.mesocosm.runtime.model.gpu.GpuPod;
import org.mesocosm.traces.openb.OpenbReader;
import org.mesocosm.traces.openb.OpenbTrace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One placement decision on the openb cluster (1,213 GPU nodes, 6,212 GPUs), half full: the
 * default pod list in a seeded order is placed by FGD until 50% of the GPU capacity arrived; then
 * each operation asks a <b>fresh</b> policy to place the next pod of the list (rotating over 256
 * pods), so every node is filtered and scored: no per-node cache is warm. {@code gpu-bestfit} is
 * the plain baseline (same framework, a constant-time score). The experiment itself runs with
 * warm caches (only the node changed by the last placement is rescored), far cheaper per pod.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class FgdPlacementBench {
    @Param({"fgd", "gpu-bestfit"})
    public String policy;

    private GpuCluster cluster;
    private TargetWorkload target;
    private List<GpuPod> next;
    private int i;

    @Setup
    public void setUp() {
        OpenbTrace t = OpenbReader.readDir(openb());
        List<GpuNodeSpec> nodes = t.gpuNodes();
        List<GpuPod> pods = t.gpuPods();
        target = TargetWorkload.fromPods(pods, 0.95);
        cluster = new GpuCluster(nodes);
        List<GpuPod> arrivals = Arrivals.of(pods, cluster.capacityMilli(), 1.3, 42);
        GpuPlacer filler = GpuPolicies.create("fgd", cluster, target, 42);
        long arrived = 0;
        int k = 0;
        while (arrived < cluster.capacityMilli() / 2) {
            GpuPod p = arrivals.get(k++);
            Placement pl = filler.place(p);
            if (pl != null) cluster.bind(p, pl);
            arrived += p.gpu().totalMilli();
        }
        next = arrivals.subList(k, k + 256);
        if (cluster.size() != 1213) throw new IllegalStateException("expected 1213 GPU nodes, got " + cluster.size());
    }

    static Path openb() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("data/traces/openb");
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("data/traces/openb not found: run from inside the repository");
    }

    @Benchmark
    public Placement placeOnePod() {
        GpuPod p = next.get(i++ & 255);
        return GpuPolicies.create(policy, cluster, target, 7).place(p);
    }
}
