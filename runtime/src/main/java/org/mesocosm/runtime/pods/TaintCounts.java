package org.mesocosm.runtime.pods;

import java.util.Arrays;
import org.mesocosm.runtime.model.constraints.Taint;

/**
 * What the scheduler tells cacheable plugins about the cluster as a whole: how many up nodes
 * carry taints (which decides whether TaintToleration matters at all). Told of every change of a
 * live node's pods, state or registration.
 */
public final class TaintCounts {
    private boolean[] hard = new boolean[64], soft = new boolean[64];
    private int hardTainted, softTainted;

    /** The node changed: re-reads its taints. */
    void changed(NodeInfo n) {
        int i = n.index();
        if (i >= hard.length) {
            int len = Math.max(i + 1, hard.length * 2);
            hard = Arrays.copyOf(hard, len);
            soft = Arrays.copyOf(soft, len);
        }
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

    /** Up nodes with at least one NoSchedule/NoExecute taint. */
    public int hardTainted() { return hardTainted; }

    /** Up nodes with at least one PreferNoSchedule taint. */
    public int softTainted() { return softTainted; }
}
