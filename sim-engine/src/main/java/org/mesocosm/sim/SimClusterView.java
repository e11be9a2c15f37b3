package org.mesocosm.sim;

import org.mesocosm.runtime.model.Resources;

/** Read-only view of the simulated machines, as the machines themselves see it. */
public interface SimClusterView {
    int machines();

    String machineId(int i);

    boolean isUp(int i);

    Resources capacity(int i);

    /** Capacity plus the overcommit the policy declared: what requests may add up to. */
    default Resources limit(int i) { return capacity(i); }

    /** What the machine is running right now, by its own account. */
    Resources used(int i);

    int runningTasks(int i);

    /** Memory (MiB) its tasks use right now (the usage model), at most what they requested. */
    default long memUsage(int i) { return used(i).memMiB(); }

    /** CPU (millicores) its tasks use right now; above the capacity, every task on it runs slower. */
    default long cpuUsage(int i) { return used(i).cpuMillis(); }
}
