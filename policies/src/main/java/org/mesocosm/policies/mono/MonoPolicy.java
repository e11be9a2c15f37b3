package org.mesocosm.policies.mono;

import java.util.List;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.policy.PolicyProvider;

/**
 * {@code mono}: the monolithic scheduler of the Omega paper, one scheduler and one queue of jobs,
 * each attempt placing one job. Single-path by default (one t_job for all, from
 * {@code --decision-time model}); multi-path with {@code paths=service:t_job=...,batch:t_job=...}.
 * See {@link MonoScheduler}.
 */
public final class MonoPolicy implements PolicyProvider {

    @Override
    public String name() { return "mono"; }

    @Override
    public String description() {
        return "monolithic scheduler (Omega paper): one queue, one job per attempt, next-fit placement; single-path, or multi-path"
                + " with paths=service:t_job=D,batch:t_job=D (needs --decision-time model)";
    }

    @Override
    public List<PolicyParams.Param> parameters() {
        return List.of(
                new PolicyParams.Param("paths", "", "multi-path: KIND:t_job=D for the first path (service or batch), the others as"
                        + " further KIND:t_job=D / KIND:t_task=D; unset = single-path"),
                new PolicyParams.Param("service:t_job", "", "t_job of the service path (after paths=)"),
                new PolicyParams.Param("service:t_task", "", "t_task of the service path (after paths=)"),
                new PolicyParams.Param("batch:t_job", "", "t_job of the batch path: batch, cron and pipeline jobs (after paths=)"),
                new PolicyParams.Param("batch:t_task", "", "t_task of the batch path (after paths=)"));
    }

    @Override
    public PlacementPolicy create(PolicyParams params) {
        return new MonoScheduler("mono", MonoPaths.parse(params));
    }
}
