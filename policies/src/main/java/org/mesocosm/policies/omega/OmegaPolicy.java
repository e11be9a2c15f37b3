package org.mesocosm.policies.omega;

import java.util.List;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.policy.PolicyProvider;

/**
 * {@code omega}: shared-state scheduling (Schwarzkopf et al., EuroSys 2013, §3.4): parallel
 * schedulers, each with its own queue, deciding on the whole cell and committing optimistic
 * transactions. Typed as
 * {@code omega:schedulers=service,batch,service:t_job=10s,batch:t_job=100ms}, or with several batch
 * schedulers {@code omega:batch-schedulers=4,split=round-robin}; {@code conflicts=fine|coarse},
 * {@code commit=incremental|gang}. See {@link OmegaScheduler}.
 */
public final class OmegaPolicy implements PolicyProvider {

    @Override public String name() { return "omega"; }

    @Override
    public String description() {
        return "shared-state optimistic schedulers (Omega paper): parallel service/batch schedulers on the whole cell, conflicts"
                + " found at commit (fine|coarse, incremental|gang); per-scheduler t_job/t_task need --decision-time model";
    }

    @Override
    public List<PolicyParams.Param> parameters() {
        return List.of(
                new PolicyParams.Param("schedulers", "service,batch", "the schedulers: service (service jobs) and/or batch (all other"
                        + " kinds); one alone takes every job"),
                new PolicyParams.Param("batch-schedulers", "1", "number of batch schedulers (batch-1..batch-N when more than one)"),
                new PolicyParams.Param("split", "hash", "how jobs are spread over several batch schedulers: hash (of the job id) or round-robin"),
                new PolicyParams.Param("conflicts", "fine", "fine: a claim conflicts if its resources are no longer free; coarse: if its"
                        + " machine changed at all since the snapshot"),
                new PolicyParams.Param("commit", "incremental", "incremental: commit the claims that pass; gang: all of a job's tasks or none"),
                new PolicyParams.Param("seed", "", "seed of the schedulers' randomized first-fit placement streams (unset: derived"
                        + " from the run's --seed, so runs over several seeds sample the placements too; set: the same placements"
                        + " whatever the run's seed)"),
                new PolicyParams.Param("service:t_job", "", "t_job of the service scheduler (unset: the run's --decision-time model)"),
                new PolicyParams.Param("service:t_task", "", "t_task of the service scheduler"),
                new PolicyParams.Param("batch:t_job", "", "t_job of every batch scheduler"),
                new PolicyParams.Param("batch:t_task", "", "t_task of every batch scheduler"));
    }

    /** Live mode, which has no run seed: the streams of run seed 0 (or of {@code seed=}). */
    @Override
    public PlacementPolicy create(PolicyParams params) {
        return create(params, 0);
    }

    @Override
    public PlacementPolicy create(PolicyParams params, long runSeed) {
        return new OmegaScheduler(OmegaSettings.parse(params), runSeed);
    }
}
