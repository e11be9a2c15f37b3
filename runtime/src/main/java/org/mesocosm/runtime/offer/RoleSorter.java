package org.mesocosm.runtime.offer;

import org.mesocosm.runtime.model.Resources;

/**
 * Orders clients (roles, or frameworks within a role) for the next offer, as Mesos's allocator
 * sorters do. The allocator tells it every change of allocation; it answers the order. The
 * order must be deterministic: ties break by name.
 */
public interface RoleSorter {

    void add(String client, double weight);

    /** The resources the shares are measured against (the capacity of the agents that are up). */
    void setTotal(Resources total);

    void allocated(String client, Resources r);

    void unallocated(String client, Resources r);

    /**
     * Clients in offer order, most deserving first. Valid until the next change; the allocator
     * stops iterating as soon as it has picked one, so an incremental structure pays off.
     */
    Iterable<String> order();

    /** The client's current share, as the sorter measures it (for reports and tests). */
    double share(String client);

    /** Creates a fresh sorter; the allocator keeps one for roles and one per role for its frameworks. */
    interface Factory {
        RoleSorter create();
    }
}
