package org.mesocosm.runtime.pods;

import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.constraints.Taint;
import org.mesocosm.runtime.util.GapList;

/**
 * What the scheduler knows about one node, kept up to date incrementally as pods come and go
 * (kube-scheduler's NodeInfo): capacity and sums as plain longs, so that filter and score loops
 * read fields instead of building {@link Resources} objects; the pods on it; its attributes and
 * parsed taints.
 *
 * <p>Three sums of what pods hold: {@code requested} (every pod's request), {@code guaranteed}
 * (requests of pods not placed on reclaimed resources: the master's hard no-over-commit rule
 * applies to these) and {@code reserved} (what the scheduler counts pods as using, lower than
 * requested only under reclamation). A what-if {@link #copy()} may be changed with
 * {@link #addPod}/{@link #removePod}; the live node only by the scheduler.
 */
public final class NodeInfo {
    /** A pod's index in its live node's list is kept in the pod. */
    private static final GapList.Slots<PlacedPod> LIVE_SLOTS = new GapList.Slots<>() {
        @Override public int get(PlacedPod p) { return p.liveSlot; }
        @Override public void set(PlacedPod p, int index) { p.liveSlot = index; }
    };
    private final Agent agent;
    private final boolean live;
    private boolean up;
    private Map<String, String> attributes;
    private Taint[] taints;
    private boolean hasHardTaints;
    long capCpu, capMem, capDisk, capGpus;
    long ceilCpu, ceilMem, ceilDisk, ceilGpus;
    long reqCpu, reqMem, reqDisk, reqGpus;
    long guarCpu, guarMem, guarDisk, guarGpus;
    long resCpu, resMem, resDisk, resGpus;
    long nonZeroCpu, nonZeroMem;
    /** In placement order (preemption and spreading read it in that order). */
    private final GapList<PlacedPod> pods;
    private int podsWithAffinity;

    NodeInfo(Agent agent) {
        this.agent = agent;
        this.live = true;
        this.pods = new GapList<>(LIVE_SLOTS);
        refresh();
    }

    private NodeInfo(NodeInfo o) {
        agent = o.agent;
        live = false;
        up = o.up;
        attributes = o.attributes;
        taints = o.taints;
        hasHardTaints = o.hasHardTaints;
        capCpu = o.capCpu; capMem = o.capMem; capDisk = o.capDisk; capGpus = o.capGpus;
        ceilCpu = o.ceilCpu; ceilMem = o.ceilMem; ceilDisk = o.ceilDisk; ceilGpus = o.ceilGpus;
        reqCpu = o.reqCpu; reqMem = o.reqMem; reqDisk = o.reqDisk; reqGpus = o.reqGpus;
        guarCpu = o.guarCpu; guarMem = o.guarMem; guarDisk = o.guarDisk; guarGpus = o.guarGpus;
        resCpu = o.resCpu; resMem = o.resMem; resDisk = o.resDisk; resGpus = o.resGpus;
        nonZeroCpu = o.nonZeroCpu; nonZeroMem = o.nonZeroMem;
        pods = o.pods.unownedCopy();
        podsWithAffinity = o.podsWithAffinity;
    }

    /** Re-reads capacity, attributes and taints from the agent (on (re-)registration). */
    void refresh() {
        up = agent.isUp();
        attributes = agent.attributes();
        List<Taint> ts = Taint.of(attributes);
        taints = ts.toArray(new Taint[0]);
        hasHardTaints = false;
        for (Taint t : taints) hasHardTaints |= t.isHard();
        Resources t = agent.total();
        capCpu = t.cpuMillis(); capMem = t.memMiB(); capDisk = t.diskMiB(); capGpus = t.gpus();
        Resources c = agent.ceiling();
        ceilCpu = c.cpuMillis(); ceilMem = c.memMiB(); ceilDisk = c.diskMiB(); ceilGpus = c.gpus();
    }

    void markDown() { up = false; }

    /** A what-if copy (for preemption): pods may be added and removed without touching the live node. */
    public NodeInfo copy() { return new NodeInfo(this); }

    public Agent agent() { return agent; }

    public String id() { return agent.id(); }

    /** The agent's registration index: stable, dense, the node's place in the scheduler's node list. */
    public int index() { return agent.index(); }

    public boolean isUp() { return up; }

    public Map<String, String> attributes() { return attributes; }

    /** The attribute value for a topology key, or null. */
    public String label(String key) { return attributes.get(key); }

    public Taint[] taints() { return taints; }

    public boolean hasHardTaints() { return hasHardTaints; }

    /** In placement order; a view valid until the node next changes. */
    public List<PlacedPod> pods() { return pods.view(); }

    public int podCount() { return pods.size(); }

    /** Pods on it with inter-pod affinity or anti-affinity terms. */
    public int podsWithAffinity() { return podsWithAffinity; }

    public long capacityCpu() { return capCpu; }
    public long capacityMem() { return capMem; }
    public long capacityDisk() { return capDisk; }
    public long capacityGpus() { return capGpus; }
    public long ceilingCpu() { return ceilCpu; }
    public long ceilingMem() { return ceilMem; }
    public long ceilingDisk() { return ceilDisk; }
    public long ceilingGpus() { return ceilGpus; }
    public long requestedCpu() { return reqCpu; }
    public long requestedMem() { return reqMem; }
    public long requestedDisk() { return reqDisk; }
    public long requestedGpus() { return reqGpus; }
    public long guaranteedCpu() { return guarCpu; }
    public long guaranteedMem() { return guarMem; }
    public long guaranteedDisk() { return guarDisk; }
    public long guaranteedGpus() { return guarGpus; }
    public long reservedCpu() { return resCpu; }
    public long reservedMem() { return resMem; }
    public long reservedDisk() { return resDisk; }
    public long reservedGpus() { return resGpus; }
    /** Sum of requests with kube-scheduler's non-zero defaults, for scoring. */
    public long nonZeroRequestedCpu() { return nonZeroCpu; }
    public long nonZeroRequestedMem() { return nonZeroMem; }

    /** Adds a pod to a what-if copy. */
    public void addPod(PlacedPod p) {
        if (live) throw new IllegalStateException("only what-if copies of a node may be changed outside the scheduler");
        add(p);
    }

    /** Removes a pod from a what-if copy; returns it, or null if it was not there. */
    public PlacedPod removePod(Task t) {
        if (live) throw new IllegalStateException("only what-if copies of a node may be changed outside the scheduler");
        return remove(t);
    }

    /** The pod entry for a task on this node, or null. */
    public PlacedPod find(Task t) {
        return pods.find(p -> p.task() == t);
    }

    void add(PlacedPod p) {
        pods.add(p);
        reqCpu += p.cpu; reqMem += p.mem; reqDisk += p.disk; reqGpus += p.gpus;
        if (!p.reclaimed) { guarCpu += p.cpu; guarMem += p.mem; guarDisk += p.disk; guarGpus += p.gpus; }
        resCpu += p.resCpu; resMem += p.resMem; resDisk += p.resDisk; resGpus += p.resGpus;
        nonZeroCpu += p.nonZeroCpu; nonZeroMem += p.nonZeroMem;
        if (p.task().spec().podConstraints().hasPodAffinity()) podsWithAffinity++;
    }

    /** Removes a pod from a what-if copy, by a search of its pods. */
    PlacedPod remove(Task t) {
        PlacedPod p = find(t);
        if (p == null) return null;
        pods.remove(p);
        subtract(p);
        return p;
    }

    /** Removes a pod from the live node, without a search: false if it was not on it. */
    boolean removeLive(PlacedPod p) {
        if (!live || !pods.remove(p)) return false;
        subtract(p);
        return true;
    }

    private void subtract(PlacedPod p) {
        reqCpu -= p.cpu; reqMem -= p.mem; reqDisk -= p.disk; reqGpus -= p.gpus;
        if (!p.reclaimed) { guarCpu -= p.cpu; guarMem -= p.mem; guarDisk -= p.disk; guarGpus -= p.gpus; }
        resCpu -= p.resCpu; resMem -= p.resMem; resDisk -= p.resDisk; resGpus -= p.resGpus;
        nonZeroCpu -= p.nonZeroCpu; nonZeroMem -= p.nonZeroMem;
        if (p.task().spec().podConstraints().hasPodAffinity()) podsWithAffinity--;
    }

    /** Lowers (or restores) what a pod on this live node is counted as using. */
    void setReservation(PlacedPod p, Resources r) {
        resCpu += r.cpuMillis() - p.resCpu; resMem += r.memMiB() - p.resMem;
        resDisk += r.diskMiB() - p.resDisk; resGpus += r.gpus() - p.resGpus;
        p.resCpu = r.cpuMillis(); p.resMem = r.memMiB(); p.resDisk = r.diskMiB(); p.resGpus = r.gpus();
    }

    @Override
    public String toString() {
        return "NodeInfo[" + id() + (up ? "" : ",down") + ",cpu=" + reqCpu + "/" + capCpu + "m,mem=" + reqMem + "/" + capMem
                + "MiB,pods=" + podCount() + (live ? "" : ",copy") + "]";
    }
}
