package org.mesocosm.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.model.gpu.GpuDemand;

/**
 * A GPU cluster and workload from one seed: node groups with 0, 1, 2, 4 or 8 devices of a model,
 * jobs that ask for no GPU, a share of one device (sometimes of given models), or k whole devices
 * (sometimes more than any node has), with failing tasks and machine failures, so that devices are
 * taken and given back many times.
 */
final class GpuScenario {
    static final String[] MODELS = {"T4", "V100M16", "G2"};
    final long seed;
    final List<NodeGroup> nodes = new ArrayList<>();
    final List<WorkloadEvent> events = new ArrayList<>();
    final double failuresPerNodePerDay;

    GpuScenario(long seed) {
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        int groups = 1 + r.nextInt(4);
        int[] deviceCounts = {0, 1, 2, 4, 8};
        for (int g = 0; g < groups; g++) {
            int gpus = g == 0 ? 1 + r.nextInt(8) : deviceCounts[r.nextInt(deviceCounts.length)]; // at least one GPU group
            Resources shape = new Resources(1000L * (8 + r.nextInt(57)), 1024L * (16 + r.nextInt(240)), 0, gpus);
            Map<String, String> attrs = gpus == 0 ? Map.of("zone", "z" + g % 2)
                    : Map.of("zone", "z" + g % 2, Agent.GPU_MODEL, MODELS[r.nextInt(MODELS.length)]);
            nodes.add(new NodeGroup(1 + r.nextInt(6), shape, attrs));
        }
        failuresPerNodePerDay = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 20;
        int jobs = 5 + r.nextInt(50);
        long t = 0;
        for (int j = 0; j < jobs; j++) {
            t += (long) (r.nextDouble() * 60_000_000L);
            JobKind kind = r.nextInt(5) == 0 ? JobKind.SERVICE : JobKind.BATCH;
            Resources base = Resources.of(100L * (1 + r.nextInt(40)), 128L * (1 + r.nextInt(32)));
            GpuDemand gpu = demand(r);
            Resources req = new Resources(base.cpuMillis(), base.memMiB(), 0, gpu.whole() ? gpu.gpus() : 0);
            long duration = kind == JobKind.SERVICE ? 60_000_000L + r.nextInt(600_000_000)
                    : 1_000_000L + (long) (r.nextDouble() * r.nextDouble() * 1_800_000_000L);
            double fail = r.nextInt(3) == 0 ? r.nextDouble() * 0.5 : 0;
            TaskSpec ts = TaskSpec.simulated("t", 1 + r.nextInt(12), req, SimProfile.fixed(duration, fail)).withGpu(gpu);
            events.add(new WorkloadEvent.JobArrival(t, new JobSpec("j" + j, "r" + r.nextInt(3), kind, r.nextInt(300), List.of(ts), r.nextInt(3))));
        }
    }

    private static GpuDemand demand(SplittableRandom r) {
        int draw = r.nextInt(10);
        if (draw < 3) return GpuDemand.NONE;
        List<String> models = r.nextInt(4) == 0 ? List.of(MODELS[r.nextInt(MODELS.length)]) : List.of();
        if (draw < 7) return new GpuDemand(1, 1 + r.nextInt(999), models);
        int k = r.nextInt(15) == 0 ? 9 + r.nextInt(4) : 1 + r.nextInt(4); // sometimes more devices than any node has
        return new GpuDemand(k, GpuDemand.DEVICE_MILLI, models);
    }

    SimConfig config() {
        return SimConfig.defaults(nodes, seed).withFailures(failuresPerNodePerDay).withTimeLimits(0, 2L * 3_600_000_000L);
    }

    ListWorkload workload() {
        return new ListWorkload(events);
    }
}
