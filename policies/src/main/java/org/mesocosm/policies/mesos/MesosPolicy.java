package org.mesocosm.policies.mesos;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.policy.PolicyProvider;

/**
 * {@code mesos}: the DRF offer allocator serving several frameworks that decide in parallel, each
 * with its own decision time, holding their offers while they decide (pessimistic). See
 * {@link MesosScheduler}; syntax in {@link MesosParams}.
 */
public final class MesosPolicy implements PolicyProvider {
    private static final List<String> LANES = List.of("allocator", "marathon", "jobs", "k8s", "spark");

    @Override
    public String name() { return "mesos"; }

    @Override
    public String description() {
        return "two-level (Omega paper's Mesos, Kubernetes on Mesos): the DRF allocator offers to frameworks (marathon, jobs, k8s, spark)"
                + " that decide in parallel, each on its own lane, holding their offers while they decide";
    }

    @Override
    public List<PolicyParams.Param> parameters() {
        List<PolicyParams.Param> out = new ArrayList<>();
        out.add(new PolicyParams.Param("frameworks", MesosParams.DEFAULT_FRAMEWORKS, "the frameworks to run, comma-separated, of marathon"
                + " (services), jobs (batch, cron, pipelines), k8s (the Kubernetes scheduler), spark (elastic executors)"));
        out.add(new PolicyParams.Param("interval", "1s", "allocation interval: changes are batched this long before an offer round"));
        out.add(new PolicyParams.Param("refuse", "5s", "refuse filter a framework sets on the offers (or leftovers) it declines"));
        out.add(new PolicyParams.Param("spark-idle", "30s", "spark releases an executor that ran nothing for this long"));
        for (String lane : LANES) {
            out.add(new PolicyParams.Param(lane + ":t_job", "", "t_job of the " + lane + " lane (unset: the run's --decision-time model)"));
            out.add(new PolicyParams.Param(lane + ":t_task", "", "t_task of the " + lane + " lane (unset: the run's --decision-time model)"));
        }
        return out;
    }

    @Override
    public PlacementPolicy create(PolicyParams params) {
        return new MesosScheduler(name(), MesosParams.parse(params));
    }
}
