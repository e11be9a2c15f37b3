package org.mesocosm.runtime.pods;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Why a pod fit no node in its last cycle: the status code per evaluated node (PostFilter uses it
 * to skip nodes where preemption cannot help), and rejection counts per plugin. One instance is
 * reused from cycle to cycle; a PostFilter must not keep it.
 */
public final class Diagnosis {
    private final Profile profile;
    private byte[] codes = new byte[0];
    private int[] stamp = new int[0];
    private int cycle;
    private final int[] rejects;
    private final Status[] example;
    long pluginMask;
    int evaluated;
    Status preFilterRejection;

    Diagnosis(Profile profile) {
        this.profile = profile;
        rejects = new int[profile.plugins().size()];
        example = new Status[profile.plugins().size()];
    }

    void reset(int nodeSlots) {
        if (stamp.length < nodeSlots) {
            int n = Math.max(nodeSlots, stamp.length * 2);
            codes = Arrays.copyOf(codes, n);
            stamp = Arrays.copyOf(stamp, n);
        }
        if (++cycle == 0) { // wrapped: forget every stamp
            Arrays.fill(stamp, 0);
            cycle = 1;
        }
        Arrays.fill(rejects, 0);
        Arrays.fill(example, null);
        pluginMask = 0;
        evaluated = 0;
        preFilterRejection = null;
    }

    void record(NodeInfo node, Status s, int pluginIndex) {
        int i = node.index();
        stamp[i] = cycle;
        codes[i] = (byte) s.code().ordinal();
        evaluated++;
        if (pluginIndex >= 0) {
            pluginMask |= 1L << pluginIndex;
            if (rejects[pluginIndex]++ == 0) example[pluginIndex] = s;
        }
    }

    void rejectAll(Status s, int pluginIndex) {
        preFilterRejection = s;
        if (pluginIndex >= 0) pluginMask |= 1L << pluginIndex;
    }

    /** The code the node got in this cycle, or null if it was not evaluated. */
    public Status.Code code(NodeInfo node) {
        int i = node.index();
        return i < stamp.length && stamp[i] == cycle ? Status.Code.values()[codes[i]] : null;
    }

    /** True if evicting pods might let the pod fit there (the node was rejected, but not as unresolvable). */
    public boolean preemptionMightHelp(NodeInfo node) {
        return preFilterRejection == null && code(node) == Status.Code.UNSCHEDULABLE;
    }

    /** The plugins that rejected the pod, as profile indexes. */
    public long pluginMask() { return pluginMask; }

    /** kube-scheduler's message: "0/5000 nodes are available: 4000 Insufficient cpu, 1000 untolerated taint." */
    public String message(int nodesUp) {
        if (preFilterRejection != null) return preFilterRejection.toString();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < rejects.length; i++) {
            if (rejects[i] > 0) parts.add(rejects[i] + " " + (example[i].reasons().isEmpty() ? profile.plugins().get(i).name() : example[i].message()));
        }
        return "0/" + nodesUp + " nodes are available" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }
}
