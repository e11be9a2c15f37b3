package org.mesocosm.policies.k8s;

/** Who may evict whom, by priority. Preemption never evicts a pod the rule does not allow. */
@FunctionalInterface
public interface PreemptionRule {
    boolean mayPreempt(int preemptorPriority, int victimPriority);

    /** Kubernetes: only pods of strictly lower priority. */
    PreemptionRule LOWER_PRIORITY = (preemptor, victim) -> victim < preemptor;
}
