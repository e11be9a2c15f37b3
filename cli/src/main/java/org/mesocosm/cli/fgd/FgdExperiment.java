package org.mesocosm.cli.fgd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mesocosm.policies.gpu.TargetWorkload;
import org.mesocosm.runtime.model.gpu.GpuNodeSpec;
import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * Every (policy, seed) run of the inflation experiment, in parallel on {@code threads} threads.
 * Each run is single-threaded and owns its cluster, so the results do not depend on the thread
 * count; they come back in (policy, seed) order.
 */
public final class FgdExperiment {
    /** FGD's target workload: the task types covering this share of the pods. */
    public static final double TARGET_COVERAGE = 0.95;

    private FgdExperiment() { }

    public static List<BinnedCurve> run(String workload, List<GpuNodeSpec> nodes, List<GpuPod> pods, List<String> policies,
                                        long[] seeds, double inflate, int threads) throws InterruptedException {
        List<GpuNodeSpec> gpuNodes = nodes.stream().filter(n -> n.gpus() > 0).toList();
        if (gpuNodes.isEmpty()) throw new IllegalArgumentException("the node list has no node with gpu > 0");
        TargetWorkload target = TargetWorkload.fromPods(pods, TARGET_COVERAGE);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "fgd-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<BinnedCurve>> futures = new ArrayList<>();
            for (String p : policies) {
                for (long s : seeds) futures.add(pool.submit(() -> InflationRun.run(workload, gpuNodes, pods, target, p, s, inflate)));
            }
            List<BinnedCurve> out = new ArrayList<>();
            for (Future<BinnedCurve> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(c);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
