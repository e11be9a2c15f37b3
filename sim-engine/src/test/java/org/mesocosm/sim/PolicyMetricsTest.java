package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.junit.jupiter.api.Test;

/** The packing, fairness and per-band metrics of issue 16 §4 on hand-built clusters whose answers are known. */
class PolicyMetricsTest {
    static final long HOUR = 3_600_000_000L;

    static MetricsRecorder run(String policy, int nodes, long nodeCpu, long nodeMem, List<WorkloadEvent> events) {
        MetricsRecorder m = new MetricsRecorder(TaskRowSink.NONE);
        SimConfig cfg = SimConfig.defaults(List.of(new NodeGroup(nodes, Resources.of(nodeCpu, nodeMem), Map.of())), 1)
                .withTimeLimits(HOUR / 2, HOUR / 2);
        new Simulation(cfg, new ListWorkload(events), PolicyRegistry.load().create(policy), m, List.of()).run();
        return m;
    }

    static WorkloadEvent job(String id, String role, int priority, int tasks, long cpu, long mem) {
        TaskSpec t = TaskSpec.simulated("t", tasks, Resources.of(cpu, mem), SimProfile.fixed(HOUR, 0));
        return new WorkloadEvent.JobArrival(0, new JobSpec(id, role, JobKind.BATCH, priority, List.of(t), 0));
    }

    /** The share of timeline samples taken after the placements at time 0 (all but the first). */
    static double placedShare(MetricsRecorder m) {
        int n = m.timeline().size();
        return (n - 1) / (double) n;
    }

    @Test
    void bestFitPacksOntoOneNodeAndLeastAllocatedSpreads() {
        List<WorkloadEvent> w = List.of(job("j", "a", 100, 4, 1000, 1024));
        MetricsRecorder borg = run("borg", 10, 4000, 16384, new ArrayList<>(w));
        MetricsRecorder k8s = run("k8s", 10, 4000, 16384, new ArrayList<>(w));
        assertEquals(1, borg.nodesUsed().percentile(0.5), "best fit: four 1-core tasks on one 4-core node");
        assertEquals(4, k8s.nodesUsed().percentile(0.5), "least allocated: one task per node");
        // cov of allocation fractions: borg one node at 1.0, nine at 0 -> sd 0.3 / mean 0.1 = 3; k8s four at 0.25 -> sd/mean = 1.2247
        // (time averages: the sample at time 0 comes before the first placement and counts as an empty cluster)
        assertEquals(3.0 * placedShare(borg), borg.nodeCpuAllocCov(), 1e-9);
        assertEquals(Math.sqrt(1.5) * placedShare(k8s), k8s.nodeCpuAllocCov(), 1e-9);
        // the full borg node has no cpu left but 12 GiB of memory: stranded memory 12/160 of the cluster
        assertEquals(12.0 / 160 * placedShare(borg), borg.strandedMem(), 1e-9);
        assertEquals(0.0, k8s.strandedMem(), 1e-9);
        assertEquals(0.0, borg.strandedCpu(), 1e-9);
    }

    @Test
    void memoryExhaustedNodesStrandTheirCpu() {
        // one task takes all of a node's memory and one of its four cores: three cores stranded on each of 2 nodes
        MetricsRecorder m = run("k8s", 2, 4000, 8192, List.of(job("j", "a", 100, 2, 1000, 8192)));
        assertEquals(6000.0 / 8000 * placedShare(m), m.strandedCpu(), 1e-9);
        assertEquals(0.0, m.strandedMem(), 1e-9);
    }

    @Test
    void latencyIsSplitByBandAndKind() {
        MetricsRecorder m = run("k8s", 4, 4000, 16384, List.of(job("p", "a", 250, 3, 1000, 1024), job("b", "a", 10, 2, 1000, 1024)));
        assertEquals(3, m.latencyMicrosOfBand("production").size());
        assertEquals(0, m.latencyMicrosOfBand("batch").size());
        assertEquals(2, m.latencyMicrosOfBand("best-effort").size());
        assertEquals(5, m.latencyMicrosOfKind(JobKind.BATCH).size());
        assertEquals(0, m.latencyMicrosOfKind(JobKind.SERVICE).size());
    }

    @Test
    void preemptedWorkIsCountedAsWasted() {
        // two 1-core best-effort tasks run on a 2-core node; at 10 min a production job needs both cores and preempts them
        TaskSpec big = TaskSpec.simulated("t", 1, Resources.of(2000, 1024), SimProfile.fixed(HOUR, 0));
        MetricsRecorder m = run("k8s", 1, 2000, 16384, List.of(job("low", "a", 10, 2, 1000, 1024),
                new WorkloadEvent.JobArrival(600_000_000L, new JobSpec("high", "a", JobKind.BATCH, 300, List.of(big), 0))));
        assertEquals(2, m.preemptions());
        // 2 cores x ~600 s (less the launch delay) = about 1/3 core-hour
        assertEquals(2 * 600.0 / 3600, m.wastedCpuHours(), 0.01, "wasted " + m.wastedCpuHours());
        MetricsRecorder calm = run("k8s", 1, 2000, 16384, List.of(job("low", "a", 10, 2, 1000, 1024)));
        assertEquals(0.0, calm.wastedCpuHours());
    }

    @Test
    void jainOverRolesWithPendingWork() {
        // one 2-core node, two roles each wanting four 1-core tasks for longer than the run: one task per offer
        // gives one each, both keep pending work, their dominant shares are equal
        MetricsRecorder drf = run("drf:tasks-per-offer=1", 1, 2000, 16384,
                List.of(job("ja", "a", 100, 4, 1000, 1024), job("jb", "b", 100, 4, 1000, 1024)));
        assertTrue(drf.fairnessJainActiveSamples() > 10, "samples with two active roles: " + drf.fairnessJainActiveSamples());
        assertEquals(1.0, drf.fairnessJainActive(), 0.5 / drf.fairnessJainActiveSamples() + 1e-9);
        // whole-agent offers: the node goes to 'a' (first by name at equal shares), which packs both cores: shares 1/8 and 0
        MetricsRecorder whole = run("drf", 1, 2000, 16384, List.of(job("ja", "a", 100, 4, 1000, 1024), job("jb", "b", 100, 4, 1000, 1024)));
        assertEquals(0.5, whole.fairnessJainActive(), 0.5 / whole.fairnessJainActiveSamples() + 1e-9);
        // a single role is never compared with anyone: n/a, not 1 and not 0
        MetricsRecorder one = run("drf", 1, 2000, 16384, List.of(job("ja", "a", 100, 4, 1000, 1024)));
        assertTrue(Double.isNaN(one.fairnessJainActive()));
    }
}
