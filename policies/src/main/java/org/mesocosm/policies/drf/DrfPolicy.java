package org.mesocosm.policies.drf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.offer.OfferSettings;
import org.mesocosm.runtime.policy.PlacementPolicy;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.policy.PolicyProvider;

/** {@code drf}: Mesos-style resource offers, with roles and frameworks ordered by weighted DRF. */
public final class DrfPolicy implements PolicyProvider {

    @Override
    public String name() { return "drf"; }

    @Override
    public String description() {
        return "Mesos resource offers; roles and frameworks ordered by weighted Dominant Resource Fairness";
    }

    @Override
    public List<PolicyParams.Param> parameters() {
        return List.of(
                new PolicyParams.Param("interval", "1s", "allocation interval: changes are batched this long before an offer round"),
                new PolicyParams.Param("refuse", "5s", "refuse filter a framework sets on the leftovers it declines"),
                new PolicyParams.Param("offer-timeout", "0", "rescind an unanswered offer after this long (0 = never)"),
                new PolicyParams.Param("tasks-per-offer", "0", "built-in frameworks launch at most this many tasks per offer (0 = no limit)"),
                new PolicyParams.Param("weights", "", "role weights, e.g. web=2/ml=0.5 (default weight 1)"));
    }

    @Override
    public PlacementPolicy create(PolicyParams p) {
        OfferSettings s = new OfferSettings(
                p.micros("interval", OfferSettings.DEFAULT.allocationIntervalMicros()),
                p.micros("refuse", OfferSettings.DEFAULT.refuseMicros()),
                p.micros("offer-timeout", 0),
                p.integer("tasks-per-offer", 0));
        return new OfferAllocator(name(), s, DrfSorter::new, weights(p));
    }

    static Map<String, Double> weights(PolicyParams p) {
        Map<String, Double> w = new LinkedHashMap<>();
        String spec = p.string("weights", "");
        if (spec.isBlank()) return w;
        for (String kv : spec.split("/")) {
            String[] parts = kv.split("=", 2);
            try {
                double v = Double.parseDouble(parts[1]);
                if (!(v > 0)) throw new NumberFormatException();
                w.put(parts[0].trim(), v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("policy 'drf': weights: '" + kv + "' is not role=positive-number");
            }
        }
        return w;
    }
}
