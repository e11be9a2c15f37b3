package org.mesocosm.runtime.pods;

import java.util.Arrays;
import org.mesocosm.runtime.model.constraints.Taint;

/**
 * A change counter per node slot, bumped by the scheduler whenever a live node's pods, state or
 * registration change (so a value computed from a node stays valid while its count is the same),
 * and how many up nodes carry taints (which decides whether TaintToleration matters at all).
 */
public final class NodeVersions {
    private long[] version = new long[64];
    private boolean[] hard = new boolean[64], soft = new boolean[64];
    private int hardTainted, softTainted;

    /** The node changed: bumps its count and re-reads its taints. */
    void changed(NodeInfo n) {
        int i = n.index();
        if (i >= version.length) {
            int len = Math.max(i + 1, version.length * 2);
            version = Arrays.copyOf(version, len);
            hard = Arrays.copyOf(hard, len);
            soft = Arrays.copyOf(soft, len);
        }
        version[i]++;
        boolean h = false, s = false;
        if (n.isUp()) {
            for (Taint t : n.taints()) {
                if (t.isHard()) h = true;
                else s = true;
            }
        }
        hardTainted += (h ? 1 : 0) - (hard[i] ? 1 : 0);
        softTainted += (s ? 1 : 0) - (soft[i] ? 1 : 0);
        hard[i] = h;
        soft[i] = s;
    }

    /** The node's change count (0 if never seen). */
    long version(int slot) { return slot < version.length ? version[slot] : 0; }

    /** Up nodes with at least one NoSchedule/NoExecute taint. */
    public int hardTainted() { return hardTainted; }

    /** Up nodes with at least one PreferNoSchedule taint. */
    public int softTainted() { return softTainted; }
}
