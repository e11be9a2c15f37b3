package org.mesocosm.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;

/**
 * A cluster and a workload generated from one seed, small enough to run in milliseconds but
 * nasty enough to matter: uneven machines, requests that fit nowhere, node selectors, failing
 * tasks, pipelines with failing steps, services, kills, and machine failures.
 */
final class RandomScenario {
    final long seed;
    final List<NodeGroup> nodes = new ArrayList<>();
    final List<WorkloadEvent> events = new ArrayList<>();
    final double failuresPerNodePerDay;

    RandomScenario(long seed) {
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        int groups = 1 + r.nextInt(4);
        for (int g = 0; g < groups; g++) {
            Resources shape = Resources.of(1000L * (2 + r.nextInt(31)), 1024L * (2 + r.nextInt(63)));
            nodes.add(new NodeGroup(1 + r.nextInt(12), shape, Map.of("zone", "z" + (g % 2))));
        }
        failuresPerNodePerDay = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 20;
        int jobs = 5 + r.nextInt(60);
        long t = 0;
        String[] roles = {"a", "b", "c", "d"};
        for (int j = 0; j < jobs; j++) {
            t += (long) (r.nextDouble() * 120_000_000L);
            String id = "j" + j;
            String role = roles[r.nextInt(roles.length)];
            int kindDraw = r.nextInt(10);
            JobKind kind = kindDraw < 2 ? JobKind.SERVICE : kindDraw < 4 ? JobKind.PIPELINE : JobKind.BATCH;
            List<TaskSpec> tasks = new ArrayList<>();
            int steps = kind == JobKind.PIPELINE ? 2 + r.nextInt(4) : 1;
            for (int s = 0; s < steps; s++) {
                Resources req = r.nextInt(25) == 0 ? Resources.of(1_000_000, 1024) // fits nowhere
                        : Resources.of(100L * (1 + r.nextInt(40)), 128L * (1 + r.nextInt(64)));
                long duration = kind == JobKind.SERVICE ? (r.nextBoolean() ? -1 : 60_000_000L + r.nextInt(600_000_000))
                        : 1_000_000L + (long) (r.nextDouble() * r.nextDouble() * 3_600_000_000L);
                double fail = r.nextInt(3) == 0 ? r.nextDouble() * 0.5 : 0;
                TaskSpec ts = TaskSpec.simulated("t" + s, 1 + r.nextInt(kind == JobKind.PIPELINE ? 3 : 20), req,
                        SimProfile.fixed(duration, fail));
                if (kind == JobKind.PIPELINE && s > 0) {
                    List<String> deps = new ArrayList<>();
                    deps.add("t" + (s - 1));
                    if (s > 1 && r.nextBoolean()) deps.add("t" + (s - 2));
                    ts = ts.withDependsOn(deps);
                }
                if (r.nextInt(8) == 0) ts = ts.withNodeSelector(Map.of("zone", "z" + r.nextInt(2)));
                if (r.nextInt(3) == 0) { // uses less than it asks for: room for reclamation
                    double f = r.nextDouble();
                    ts = ts.withUsage(Resources.of((long) (req.cpuMillis() * f), (long) (req.memMiB() * f)));
                }
                tasks.add(ts);
            }
            events.add(new WorkloadEvent.JobArrival(t, new JobSpec(id, role, kind, r.nextInt(300), tasks, r.nextInt(3))));
        }
    }

    SimConfig config() {
        return SimConfig.defaults(nodes, seed).withFailures(failuresPerNodePerDay).withTimeLimits(0, 6L * 3_600_000_000L);
    }

    ListWorkload workload() {
        return new ListWorkload(events);
    }
}
