package org.mesocosm.policies.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.model.constraints.PodConstraints;
import org.mesocosm.runtime.model.constraints.Taint;
import org.mesocosm.runtime.pods.PodScheduler;
import org.mesocosm.runtime.policy.PolicyParams;

/**
 * The per-node cache ({@code cache=true}, the default) must place every pod where the plain
 * node-by-node cycle ({@code cache=false}) places it: the same sampled window, the same best
 * node, the same ties. Each seed builds a random cluster (mixed capacities, some hard-tainted
 * nodes, sometimes soft taints, which turn the cache off), then replays one random history
 * twice, once per mode: jobs of mostly plain pods at several priorities (so preemption
 * happens), some constrained pods (which take the plain path), pods finishing, nodes leaving
 * and coming back; every sample setting from adaptive to 100%. The two placement logs must be
 * identical.
 */
class CachedScanEquivalenceTest {
    static final int SEEDS = 30;

    @Test
    void cachePlacesEveryPodWhereThePlainCycleDoes() {
        long cachedCycles = 0, placements = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                Result plain = run(seed, false);
                Result cached = run(seed, true);
                assertEquals(0, plain.cachedCycles, "cache=false never uses the cache");
                assertEquals(plain.log.size(), cached.log.size(), "placements");
                for (int i = 0; i < plain.log.size(); i++) {
                    if (!plain.log.get(i).equals(cached.log.get(i))) {
                        fail("placement " + i + ": plain cycle " + plain.log.get(i) + ", cache " + cached.log.get(i));
                    }
                }
                cachedCycles += cached.cachedCycles;
                placements += plain.log.size();
            } catch (AssertionError e) {
                fail("seed " + seed + ": " + e.getMessage(), e);
            }
        }
        assertTrue(placements > 5_000, "enough placements compared: " + placements);
        assertTrue(cachedCycles > placements / 3, "many cycles went through the cache: " + cachedCycles + " of ~" + placements);
    }

    record Result(List<String> log, long cachedCycles) {}

    static Result run(long seed, boolean cache) {
        SplittableRandom r = new SplittableRandom(seed);
        String sample = switch (r.nextInt(5)) {
            case 0 -> "adaptive";
            case 1 -> "100%";
            default -> (5 + r.nextInt(60)) + "%";
        };
        String score = r.nextInt(4) == 0 ? "most-allocated" : "least-allocated";
        PolicyParams params = PolicyParams.of("k8s", Map.of("score", score, "sample", sample, "cache", Boolean.toString(cache)));
        PodScheduler sched = new PodScheduler("k8s", K8sPolicy.profile(params), K8sPolicy.settings(params, "k8s"));
        List<String> log = new ArrayList<>();
        PodHarness h = new PodHarness(sched, new MasterObserver() {
            @Override public void taskPlaced(long t, Task task) { log.add(task.id() + "@" + task.agent().id()); }
        });
        int nodes = 20 + r.nextInt(300);
        boolean soft = r.nextInt(6) == 0;
        // pod affinity anywhere in the cluster turns the cache off from then on: only in some histories
        boolean constrained = r.nextInt(3) == 0;
        List<String> ids = new ArrayList<>();
        Map<String, Map<String, String>> attrsOf = new LinkedHashMap<>();
        Map<String, long[]> capOf = new LinkedHashMap<>();
        for (int i = 0; i < nodes; i++) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("zone", "z" + r.nextInt(3));
            int taint = r.nextInt(12);
            if (taint == 0) attrs.put(Taint.ATTRIBUTE, "dedicated=db:NoSchedule");
            else if (taint == 1 && soft) attrs.put(Taint.ATTRIBUTE, "slow:PreferNoSchedule");
            // a few shapes, as real clusters have, so equal scores (ties) are common
            long cpu = 1000L * (r.nextInt(3) == 0 ? 4 + r.nextInt(29) : 16);
            long mem = 1024L * (r.nextInt(3) == 0 ? 4 + r.nextInt(61) : 64);
            String id = "n" + i;
            ids.add(id);
            attrsOf.put(id, attrs);
            capOf.put(id, new long[] {cpu, mem});
            h.node(id, cpu, mem, attrs);
        }
        List<String> down = new ArrayList<>();
        int steps = 40 + r.nextInt(80);
        for (int s = 0; s < steps; s++) {
            int op = r.nextInt(10);
            if (op < 6) {
                int n = 1 + r.nextInt(r.nextInt(4) == 0 ? 40 : 6);
                long cpu = r.nextInt(8) == 0 ? 0 : 100L * (1 + r.nextInt(r.nextInt(3) == 0 ? 80 : 20));
                long mem = 128L * (1 + r.nextInt(r.nextInt(3) == 0 ? 200 : 40));
                TaskSpec spec = PodHarness.pods("p", n, cpu, mem).withLabels(Map.of("app", "a" + r.nextInt(4)));
                if (constrained && r.nextInt(8) == 0) spec = spec.withPodConstraints(FullScanEquivalenceTest.constraints(r, "a" + r.nextInt(4)));
                else if (r.nextInt(10) == 0) spec = spec.withPodConstraints(PodConstraints.NONE.withTolerations(
                        org.mesocosm.runtime.model.constraints.Toleration.exists("dedicated", null)));
                h.submit(r.nextBoolean() ? JobKind.BATCH : JobKind.SERVICE, r.nextInt(4) * 100, spec);
            } else if (op < 8) {
                List<Task> live = new ArrayList<>();
                for (Task t : h.tasks()) if (t.state() == TaskState.STAGING || t.state() == TaskState.RUNNING) live.add(t);
                for (int k = 0, m = r.nextInt(1 + live.size() / 3); k < m && !live.isEmpty(); k++) h.finish(live.remove(r.nextInt(live.size())));
            } else if (op == 8) {
                h.carryOutKills();
                h.advance(1_000_000L * (1 + r.nextInt(20)));
            } else if (!down.isEmpty() && r.nextBoolean()) {
                String id = down.remove(r.nextInt(down.size()));
                long[] cap = capOf.get(id);
                h.master.handle(h.now(), new Input.AgentAdded(id, Resources.of(cap[0], cap[1]), attrsOf.get(id)));
                h.settle();
            } else {
                String id = ids.get(r.nextInt(ids.size()));
                if (!down.contains(id)) {
                    down.add(id);
                    h.master.handle(h.now(), new Input.AgentRemoved(id, "test"));
                    h.settle();
                }
            }
        }
        h.carryOutKills();
        h.advance(60_000_000L);
        return new Result(log, sched.cachedCycles());
    }
}
