package org.mesocosm.policies.mesos;

import org.mesocosm.policies.lanes.LaneCosts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.offer.OfferSettings;
import org.mesocosm.runtime.policy.PolicyParams;

/**
 * The parameters of {@code mesos}, typed as
 * {@code mesos:frameworks=marathon,jobs,k8s,marathon:t_job=10s,jobs:t_job=100ms,allocator:t_job=1ms}. The
 * framework list goes on past commas (see {@link PolicyParams#parse}); every {@code NAME:t_job} or
 * {@code NAME:t_task} is the decision time of one lane: the allocator or a framework in the list.
 *
 * @param frameworks the frameworks to run, in the order given
 * @param costs per lane name (allocator and each framework): its own decision time, or the run's model
 */
record MesosParams(List<String> frameworks, Map<String, LaneCosts> costs, OfferSettings offers, long sparkIdleMicros) {
    static final String ALLOCATOR = "allocator";
    static final String DEFAULT_FRAMEWORKS = "marathon,jobs";

    static MesosParams parse(PolicyParams p) {
        List<String> frameworks = new ArrayList<>();
        for (String f : p.string("frameworks", DEFAULT_FRAMEWORKS).split(",")) {
            String name = f.trim();
            if (!JobSpec.FRAMEWORKS.contains(name)) {
                throw bad(p, "frameworks: '" + name + "' is not one of " + String.join(", ", JobSpec.FRAMEWORKS));
            }
            if (frameworks.contains(name)) throw bad(p, "frameworks: '" + name + "' given twice");
            frameworks.add(name);
        }
        Map<String, LaneCosts> costs = new LinkedHashMap<>();
        costs.put(ALLOCATOR, LaneCosts.of(p, ALLOCATOR));
        for (String f : frameworks) costs.put(f, LaneCosts.of(p, f));
        for (String key : p.values().keySet()) {
            int colon = key.indexOf(':');
            if (colon > 0 && !costs.containsKey(key.substring(0, colon))) {
                throw bad(p, key + ": '" + key.substring(0, colon) + "' is not in frameworks=" + String.join(",", frameworks)
                        + " (nor the allocator)");
            }
        }
        OfferSettings offers = new OfferSettings(p.micros("interval", OfferSettings.DEFAULT.allocationIntervalMicros()),
                p.micros("refuse", OfferSettings.DEFAULT.refuseMicros()), 0, 0);
        return new MesosParams(List.copyOf(frameworks), costs, offers, p.micros("spark-idle", 30_000_000L));
    }

    private static IllegalArgumentException bad(PolicyParams p, String what) {
        return new IllegalArgumentException("policy '" + p.policy() + "': " + what);
    }
}
