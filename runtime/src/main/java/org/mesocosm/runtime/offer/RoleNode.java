package org.mesocosm.runtime.offer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;

/**
 * One role in the role tree ({@code eng}, {@code eng/batch}). A role may have frameworks of its
 * own, children, or both; as in Mesos, a role with both takes part among its children as a virtual
 * child (named by its own path) holding its own frameworks' allocation.
 */
final class RoleNode {
    final String path;
    final RoleNode parent;
    final double weight;
    final Resources guarantee;
    final Resources limit;
    /** The topmost role on the path from the root to here that has a guarantee; its unmet part is headroom. */
    final RoleNode topGuarantee;
    /** This role or an ancestor has a limit. */
    final boolean limitOnPath;

    /** Orders the children (and the virtual self); null while the role has no children. */
    RoleSorter children;
    final Map<String, RoleNode> childNodes = new HashMap<>();
    /** The role's own frameworks take part in {@link #children} as a client named {@link #path}. */
    boolean selfClient;

    RoleSorter frameworkSorter;
    final List<FrameworkEntry> frameworks = new ArrayList<>();
    final Map<String, FrameworkEntry> frameworkIds = new HashMap<>();
    FrameworkEntry service, jobs;

    /** Allocated (offered or launched) to this role's own frameworks, and to the whole subtree: cpu, mem, disk, gpus. */
    final long[] own = new long[4];
    final long[] alloc = new long[4];
    /** Frameworks wanting offers this round: in the subtree, and of the role itself. */
    int hungry, ownHungry;
    /** A guarantee of this role still counts in the current round's first (quota) stage. */
    boolean guaranteeActive;

    RoleNode(String path, RoleNode parent, double weight, AllocatorConfig.Quota quota) {
        this.path = path;
        this.parent = parent;
        this.weight = weight;
        this.guarantee = quota == null ? null : quota.guarantee();
        this.limit = quota == null ? null : quota.limit();
        RoleNode top = parent == null ? null : parent.topGuarantee;
        this.topGuarantee = top != null ? top : guarantee != null ? this : null;
        this.limitOnPath = limit != null || (parent != null && parent.limitOnPath);
    }

    /** What is left of the guarantee, per dimension, floored at zero. */
    long unmet(int dim) {
        return Math.max(0, RoleTree.get(guarantee, dim) - alloc[dim]);
    }

    boolean hasUnmetGuarantee() {
        return guarantee != null && (unmet(0) > 0 || unmet(1) > 0 || unmet(2) > 0 || unmet(3) > 0);
    }

    /** The most that may still be offered to this role without any role on its path passing its limit. */
    long limitRoom(int dim) {
        long room = Long.MAX_VALUE;
        for (RoleNode n = this; n != null; n = n.parent) {
            if (n.limit != null) room = Math.min(room, Math.max(0, RoleTree.get(n.limit, dim) - n.alloc[dim]));
        }
        return room;
    }

    Resources allocation() {
        return new Resources(alloc[0], alloc[1], alloc[2], alloc[3]);
    }

    @Override
    public String toString() {
        return "Role[" + path + "]";
    }
}
