package org.mesocosm.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.offer.Framework;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.policy.PolicyRegistry;

/** A hand-made cluster and workload for known-answer tests of the offer allocator. */
final class OfferScenario {
    static final long HOUR = 3_600_000_000L;
    static final long SECOND = 1_000_000L;

    private final List<NodeGroup> nodes = new ArrayList<>();
    private final List<WorkloadEvent> events = new ArrayList<>();
    private final List<Framework> custom = new ArrayList<>();

    OfferScenario nodes(int count, long cpuMillis, long memMiB, String... attributes) {
        Map<String, String> attrs = new TreeMap<>();
        for (String kv : attributes) attrs.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        nodes.add(new NodeGroup(count, Resources.of(cpuMillis, memMiB), attrs));
        return this;
    }

    /** A batch job of {@code instances} one-hour tasks (or a service if kind says so), optionally constrained. */
    OfferScenario job(long atMicros, String id, String role, JobKind kind, int instances, long cpuMillis, long memMiB,
                      String... constraints) {
        SimProfile sim = kind == JobKind.SERVICE ? SimProfile.FOREVER : SimProfile.fixed(HOUR, 0);
        TaskSpec t = TaskSpec.simulated("t", instances, Resources.of(cpuMillis, memMiB), sim).withConstraints(Arrays.asList(constraints));
        events.add(new WorkloadEvent.JobArrival(atMicros, new JobSpec(id, role, kind, 0, List.of(t), 0)));
        return this;
    }

    OfferScenario batch(long atMicros, String id, String role, int instances, long cpuMillis, long memMiB) {
        return job(atMicros, id, role, JobKind.BATCH, instances, cpuMillis, memMiB);
    }

    OfferScenario framework(Framework f) {
        custom.add(f);
        return this;
    }

    /** Runs until {@code untilMicros} exactly (services never finish, so the run must not stop early). */
    Run run(String policy, long untilMicros) {
        SimConfig cfg = SimConfig.defaults(nodes, 1).withTimeLimits(untilMicros, untilMicros);
        OfferAllocator alloc = (OfferAllocator) PolicyRegistry.load().create(policy);
        Simulation sim = new Simulation(cfg, new ListWorkload(events), alloc, new MetricsRecorder(TaskRowSink.NONE), List.of());
        for (Framework f : custom) alloc.register(f);
        return new Run(sim.run(), alloc);
    }

    record Run(Simulation.Result result, OfferAllocator alloc) {
        /** Tasks holding resources (staging or running), in creation order. */
        List<Task> active() {
            List<Task> l = new ArrayList<>();
            for (Task t : result.master().liveTasks()) if (t.state().isActive()) l.add(t);
            l.sort((a, b) -> Long.compare(a.seq(), b.seq()));
            return l;
        }

        /** Active tasks of exactly this role. */
        int active(String role) {
            int n = 0;
            for (Task t : active()) if (t.role().equals(role)) n++;
            return n;
        }

        /** Active tasks of a job, counted by an agent attribute ({@code hostname}: the agent id). */
        Map<String, Integer> spread(String jobId, String attribute) {
            Map<String, Integer> m = new TreeMap<>();
            for (Task t : active()) {
                if (!t.jobId().equals(jobId)) continue;
                String v = attribute.equals("hostname") ? t.agent().id() : t.agent().attributes().get(attribute);
                m.merge(v, 1, Integer::sum);
            }
            return m;
        }

        long pending(String jobId) {
            long n = 0;
            for (Task t : result.master().liveTasks()) if (t.jobId().equals(jobId) && !t.state().isActive()) n++;
            return n;
        }
    }
}
