package org.mesocosm.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;

/**
 * A random cluster, workload and {@code drf} configuration from one seed, for the property tests
 * of quotas, reservations and placement constraints: hierarchical roles, weights, limits and
 * guarantees, reservations by rack, by host and for every agent, Marathon constraints on a good
 * part of the jobs, and machine failures, so that instances are lost and placed again.
 */
final class OfferPolicyScenario {
    static final String[] ROLES = {"a", "a/x", "a/y", "b", "b/q/r", "c"};
    static final String[] CONSTRAINTS = {"hostname:UNIQUE", "rack:CLUSTER:r1", "rack:CLUSTER", "rack:GROUP_BY", "zone:GROUP_BY:2",
        "rack:MAX_PER:2", "hostname:MAX_PER:3", "zone:LIKE:z[0]", "zone:UNLIKE:z1", "gpu:CLUSTER:yes"};

    final long seed;
    final List<NodeGroup> nodes = new ArrayList<>();
    final List<WorkloadEvent> events = new ArrayList<>();
    final double failuresPerNodePerDay;
    /** Role path to limit (cpu, mem), for the check; the policy gets the same numbers as text. */
    final Map<String, Resources> limits = new LinkedHashMap<>();
    final List<Reserve> reserves = new ArrayList<>();
    final String policy;
    int agents;

    /** One reservation rule as the test sees it: role, amount, and the agents it applies to. */
    record Reserve(String role, Resources amount, String attribute, String value) {}

    OfferPolicyScenario(long seed) {
        this.seed = seed;
        SplittableRandom r = new SplittableRandom(seed);
        int groups = 2 + r.nextInt(4);
        for (int g = 0; g < groups; g++) {
            Resources shape = Resources.of(1000L * (4 + r.nextInt(29)), 1024L * (4 + r.nextInt(61)));
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("rack", "r" + (g % 3));
            attrs.put("zone", "z" + (g % 2));
            if (r.nextInt(3) == 0) attrs.put("gpu", "yes");
            int count = 1 + r.nextInt(8);
            nodes.add(new NodeGroup(count, shape, attrs));
            agents += count;
        }
        failuresPerNodePerDay = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 30;

        StringJoiner params = new StringJoiner(",", "drf:", "");
        params.add("tasks-per-offer=" + (r.nextBoolean() ? 0 : 1 + r.nextInt(4)));
        if (r.nextBoolean()) params.add("refuse=" + r.nextInt(10) + "s");
        StringJoiner weights = new StringJoiner("+");
        for (String role : ROLES) if (r.nextInt(4) == 0) weights.add(role + "=" + (1 + r.nextInt(4)));
        if (weights.length() > 0) params.add("weights=" + weights);
        StringJoiner quota = new StringJoiner("+");
        for (String role : ROLES) {
            if (r.nextInt(3) != 0) continue;
            StringBuilder q = new StringBuilder(role);
            long limitCpu = 1000L * (1 + r.nextInt(24)), limitMem = 1024L * (1 + r.nextInt(48));
            boolean limit = r.nextBoolean();
            if (!limit || r.nextBoolean()) {
                long gc = limit ? r.nextLong(limitCpu + 1) : 1000L * r.nextInt(16);
                long gm = limit ? r.nextLong(limitMem + 1) : 1024L * r.nextInt(32);
                q.append(":guarantee=").append(gc).append("m/").append(gm);
            }
            if (limit) {
                q.append(":limit=").append(limitCpu).append("m/").append(limitMem);
                limits.put(role, Resources.of(limitCpu, limitMem));
            }
            quota.add(q);
        }
        if (quota.length() > 0) params.add("quota=" + quota);
        StringJoiner reserve = new StringJoiner("+");
        int rules = r.nextInt(4);
        for (int i = 0; i < rules; i++) {
            String role = ROLES[r.nextInt(ROLES.length)];
            Resources amount = Resources.of(500L * (1 + r.nextInt(16)), 512L * (1 + r.nextInt(32)));
            int sel = r.nextInt(3);
            String attr = sel == 0 ? null : sel == 1 ? "rack" : "hostname";
            String value = sel == 0 ? null : sel == 1 ? "r" + r.nextInt(3) : String.format("n%05d", r.nextInt(agents));
            reserves.add(new Reserve(role, amount, attr, value));
            reserve.add(role + ":" + amount.cpuMillis() + "m/" + amount.memMiB() + (attr == null ? "" : "@" + attr + "=" + value));
        }
        if (reserve.length() > 0) params.add("reserve=" + reserve);
        policy = params.toString();

        int jobs = 8 + r.nextInt(30);
        long t = 0;
        for (int j = 0; j < jobs; j++) {
            t += (long) (r.nextDouble() * 300_000_000L);
            boolean service = r.nextInt(3) == 0;
            int instances = 1 + r.nextInt(service ? 10 : 25);
            Resources req = Resources.of(250L * (1 + r.nextInt(16)), 256L * (1 + r.nextInt(32)));
            long duration = service ? -1 : 10_000_000L + (long) (r.nextDouble() * 1_800_000_000L);
            TaskSpec ts = TaskSpec.simulated("t", instances, req, SimProfile.fixed(duration, r.nextInt(4) == 0 ? 0.2 : 0));
            if (r.nextInt(5) < 3) {
                List<String> cs = new ArrayList<>();
                cs.add(CONSTRAINTS[r.nextInt(CONSTRAINTS.length)]);
                if (r.nextInt(3) == 0) {
                    String second = CONSTRAINTS[r.nextInt(CONSTRAINTS.length)];
                    if (!cs.contains(second)) cs.add(second);
                }
                ts = ts.withConstraints(cs);
            }
            String role = ROLES[r.nextInt(ROLES.length)];
            events.add(new WorkloadEvent.JobArrival(t, new JobSpec("j" + j, role, service ? JobKind.SERVICE : JobKind.BATCH, 0,
                    List.of(ts), service ? 0 : 2)));
        }
    }

    SimConfig config() {
        return SimConfig.defaults(nodes, seed).withFailures(failuresPerNodePerDay).withTimeLimits(0, 5_400_000_000L);
    }

    ListWorkload workload() {
        return new ListWorkload(events);
    }

    /** True when tasks of {@code taskRole} may use what is reserved for {@code role}: the role itself or a descendant. */
    static boolean entitled(String taskRole, String role) {
        return taskRole.equals(role) || taskRole.startsWith(role + "/");
    }
}
