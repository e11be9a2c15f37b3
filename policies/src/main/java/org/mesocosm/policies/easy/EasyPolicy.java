package org.mesocosm.policies.easy;

import java.util.List;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.policy.PolicyProvider;

/**
 * {@code easy}: the standard HPC baseline, FCFS with EASY backfilling (Lifka 1995; Mu'alem and
 * Feitelson 2001), placing whole rigid jobs. See {@link EasyScheduler}.
 */
public final class EasyPolicy implements PolicyProvider {

    @Override
    public String name() { return "easy"; }

    @Override
    public String description() {
        return "HPC: FCFS with EASY backfilling, whole jobs (gang), reservation for the queue head from run time estimates"
                + " (label " + EasyScheduler.ESTIMATE_LABEL + ", SWF field 9)";
    }

    @Override
    public List<PolicyParams.Param> parameters() { return List.of(); }

    @Override
    public PlacementPolicy create(PolicyParams params) {
        return new EasyScheduler("easy");
    }
}
