package org.mesocosm.policies.drf;

import java.util.List;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.offer.OfferSettings;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.policy.PolicyProvider;

/**
 * {@code drf}: Mesos-style resource offers; roles (hierarchical paths) and frameworks ordered by
 * weighted DRF, with quota guarantees and limits, and static reservations (syntax in {@link DrfParams}).
 */
public final class DrfPolicy implements PolicyProvider {

    @Override
    public String name() { return "drf"; }

    @Override
    public String description() {
        return "Mesos resource offers; hierarchical roles ordered by weighted Dominant Resource Fairness, quotas, reservations";
    }

    @Override
    public List<PolicyParams.Param> parameters() {
        return List.of(
                new PolicyParams.Param("interval", "1s", "allocation interval: changes are batched this long before an offer round"),
                new PolicyParams.Param("refuse", "5s", "refuse filter a framework sets on the leftovers it declines"),
                new PolicyParams.Param("offer-timeout", "0", "rescind an unanswered offer after this long (0 = never)"),
                new PolicyParams.Param("tasks-per-offer", "0", "built-in frameworks launch at most this many tasks per offer (0 = no limit)"),
                new PolicyParams.Param("weights", "", "DRF weight per role path, '+'-joined: eng=2+ops=1+eng/batch=3 (default 1)"),
                new PolicyParams.Param("quota", "", "per role: ROLE:guarantee=RES[:limit=RES], '+'-joined; RES is CPU/MEM[/DISK[/GPUS]],"
                        + " e.g. eng:guarantee=100/400Gi:limit=200/800Gi+ops:limit=16/64Gi (cpu in cores or 8000m; mem MiB or Gi)"),
                new PolicyParams.Param("reserve", "", "static reservations ROLE:RES[@ATTR=VALUE], '+'-joined, e.g. ml:8/32Gi@rack=r1"
                        + " (@hostname=ID for one agent; none: every agent)"));
    }

    @Override
    public PlacementPolicy create(PolicyParams p) {
        OfferSettings s = new OfferSettings(
                p.micros("interval", OfferSettings.DEFAULT.allocationIntervalMicros()),
                p.micros("refuse", OfferSettings.DEFAULT.refuseMicros()),
                p.micros("offer-timeout", 0),
                p.integer("tasks-per-offer", 0));
        return new OfferAllocator(name(), s, DrfSorter::new, DrfParams.config(p));
    }
}
