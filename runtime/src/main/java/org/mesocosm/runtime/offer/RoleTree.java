package org.mesocosm.runtime.offer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;

/**
 * Roles as a tree of paths, sorted hierarchically as in Mesos 1.5+: each role's children are
 * ordered by a sorter over their subtrees' allocations, so the next offer goes down the most
 * deserving top-level role, then its most deserving child, and so on to a role's frameworks. A
 * change of allocation updates one sorter per level (O(depth × log siblings)); nothing is re-sorted.
 *
 * <p>It also keeps the quota bookkeeping that must follow every change: the headroom the unmet
 * guarantees require, and a sorter over the guaranteed roles for the quota stage of a round.
 */
final class RoleTree {
    private final RoleSorter.Factory factory;
    private final AllocatorConfig config;
    final RoleNode root;
    private final Map<String, RoleNode> nodes = new HashMap<>();
    /** Roles with a guarantee, by path; ordered for the quota stage by {@link #guaranteeSorter}. */
    private final Map<String, RoleNode> guaranteed = new HashMap<>();
    final RoleSorter guaranteeSorter;
    /** Sum over top guaranteed roles of their unmet guarantee: what must stay unallocated for them. */
    final long[] requiredHeadroom = new long[4];
    private final List<RoleSorter> allSorters = new ArrayList<>();
    private Resources total = Resources.ZERO;

    RoleTree(RoleSorter.Factory factory, AllocatorConfig config) {
        this.factory = factory;
        this.config = config;
        this.root = new RoleNode("", null, 1.0, null);
        this.guaranteeSorter = sorter();
        // quota roles exist from the start: their guarantees are headroom even before they have work
        for (String path : config.quotas().keySet()) node(path);
    }

    static long get(Resources r, int dim) {
        return switch (dim) {
            case 0 -> r.cpuMillis();
            case 1 -> r.memMiB();
            case 2 -> r.diskMiB();
            default -> r.gpus();
        };
    }

    private RoleSorter sorter() {
        RoleSorter s = factory.create();
        s.setTotal(total);
        allSorters.add(s);
        return s;
    }

    boolean hasGuarantees() { return !guaranteed.isEmpty(); }

    /** Guaranteed roles, in quota-stage order. */
    Iterable<String> guaranteeOrder() { return guaranteeSorter.order(); }

    RoleNode guaranteedRole(String path) { return guaranteed.get(path); }

    RoleNode find(String path) { return nodes.get(path); }

    /** The role at {@code path}, creating it and its ancestors. */
    RoleNode node(String path) {
        RoleNode n = nodes.get(path);
        if (n != null) return n;
        AllocatorConfig.checkRole(path);
        int slash = path.lastIndexOf('/');
        RoleNode parent = slash < 0 ? root : node(path.substring(0, slash));
        n = new RoleNode(path, parent, config.weight(path), config.quotas().get(path));
        nodes.put(path, n);
        if (parent.children == null) {
            parent.children = sorter();
            if (!parent.frameworks.isEmpty()) addSelfClient(parent);
        }
        parent.children.add(path, n.weight);
        parent.childNodes.put(path, n);
        if (n.guarantee != null) {
            guaranteed.put(path, n);
            guaranteeSorter.add(path, n.weight);
            if (n.topGuarantee == n) for (int d = 0; d < 4; d++) requiredHeadroom[d] += n.unmet(d);
        }
        return n;
    }

    /**
     * Adds a framework to its role. A role with one framework needs no framework sorter (there is
     * nothing to order), which halves the sorting work of the common case; the second one creates it.
     */
    void addFramework(RoleNode n, FrameworkEntry e) {
        n.frameworks.add(e);
        n.frameworkIds.put(e.f.id(), e);
        if (n.frameworks.size() == 2) {
            n.frameworkSorter = sorter();
            for (FrameworkEntry x : n.frameworks) {
                n.frameworkSorter.add(x.f.id(), 1.0);
                Resources had = new Resources(x.alloc[0], x.alloc[1], x.alloc[2], x.alloc[3]);
                if (!had.isZero()) n.frameworkSorter.allocated(x.f.id(), had);
            }
        } else if (n.frameworkSorter != null) {
            n.frameworkSorter.add(e.f.id(), 1.0);
        }
        if (n.children != null && !n.selfClient) addSelfClient(n);
    }

    private static void addSelfClient(RoleNode n) {
        n.selfClient = true;
        n.children.add(n.path, 1.0);
        Resources own = new Resources(n.own[0], n.own[1], n.own[2], n.own[3]);
        if (!own.isZero()) n.children.allocated(n.path, own);
    }

    /** Counts {@code r} as allocated to (or, with sign -1, taken back from) a framework, up the whole path. */
    void charge(FrameworkEntry e, Resources r, int sign) {
        RoleNode n = e.role;
        add(e.alloc, r, sign);
        if (n.frameworkSorter != null) update(n.frameworkSorter, e.f.id(), r, sign);
        add(n.own, r, sign);
        if (n.selfClient) update(n.children, n.path, r, sign);
        for (RoleNode c = n; c != root; c = c.parent) {
            if (c.guarantee != null) {
                long[] before = c.topGuarantee == c ? unmet(c) : null;
                add(c.alloc, r, sign);
                if (before != null) for (int d = 0; d < 4; d++) requiredHeadroom[d] += c.unmet(d) - before[d];
                update(guaranteeSorter, c.path, r, sign);
            } else {
                add(c.alloc, r, sign);
            }
            update(c.parent.children, c.path, r, sign);
        }
        add(root.alloc, r, sign);
    }

    private static long[] unmet(RoleNode n) {
        return new long[] {n.unmet(0), n.unmet(1), n.unmet(2), n.unmet(3)};
    }

    private static void update(RoleSorter s, String client, Resources r, int sign) {
        if (sign > 0) s.allocated(client, r);
        else s.unallocated(client, r);
    }

    private static void add(long[] v, Resources r, int sign) {
        v[0] += sign * r.cpuMillis();
        v[1] += sign * r.memMiB();
        v[2] += sign * r.diskMiB();
        v[3] += sign * r.gpus();
    }

    void setTotal(Resources t) {
        total = t;
        for (RoleSorter s : allSorters) s.setTotal(t);
    }

    /** Marks a framework as wanting offers this round (or not), keeping the subtree counts. */
    void setHungry(FrameworkEntry e, boolean hungry) {
        if (e.hungry == hungry) return;
        e.hungry = hungry;
        int d = hungry ? 1 : -1;
        e.role.ownHungry += d;
        for (RoleNode n = e.role; n != null; n = n.parent) n.hungry += d;
    }

    /** Clears every hungry count before a round marks them again. */
    void resetHungry(List<FrameworkEntry> frameworks) {
        for (FrameworkEntry e : frameworks) e.hungry = false;
        for (RoleNode n : nodes.values()) n.hungry = n.ownHungry = 0;
        root.hungry = 0;
    }

    /** Roles by path, sorted (for reports and tests). */
    List<String> paths() {
        List<String> p = new ArrayList<>(nodes.keySet());
        Collections.sort(p);
        return p;
    }
}
