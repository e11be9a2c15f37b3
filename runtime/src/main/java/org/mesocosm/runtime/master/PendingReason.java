package org.mesocosm.runtime.master;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.mesocosm.runtime.model.Resources;

/**
 * Why a pending task has no agent, in {@code kubectl describe}'s words: "0/2 agents fit:
 * insufficient cpu (needs 64, largest free 2)", or "0/3 agents match node_selector zone=b".
 * Computed from the master's own state (agents up, their free resources and attributes): no I/O,
 * no clock. Policies with their own record of the last attempt (the pod scheduler's failing
 * plugins) answer through {@link PlacementPolicy#whyPending}; this is the answer for the others,
 * the offer path among them, and is read only when someone asks (a status view), never on the
 * scheduling path, so it costs a run nothing and changes no digest.
 */
public final class PendingReason {
    private PendingReason() {}

    /** The reason for {@code t} given the cluster as it is now; for a task that can never fit, against agents' totals. */
    public static String explain(Task t, Cluster cluster) {
        Resources need = t.request();
        Map<String, String> selector = t.spec().nodeSelector();
        boolean ever = !t.isUnschedulable(); // an unschedulable task fits no agent's total: say so against totals
        int up = 0, matching = 0, fitting = 0;
        long[] largest = new long[4];
        for (Agent a : cluster.agents()) {
            if (!a.isUp()) continue;
            up++;
            if (!Cluster.matches(a, selector)) continue;
            matching++;
            Resources room = ever ? a.free() : a.total();
            if (room.fits(need)) fitting++;
            largest[0] = Math.max(largest[0], room.cpuMillis());
            largest[1] = Math.max(largest[1], room.memMiB());
            largest[2] = Math.max(largest[2], room.diskMiB());
            largest[3] = Math.max(largest[3], room.gpus());
        }
        if (up == 0) return "0/0 agents fit: no agent is up";
        if (matching == 0) return "0/" + up + " agents match node_selector " + selector(selector);
        String scope = matching == up ? "" : " (of " + matching + " matching node_selector " + selector(selector) + ")";
        if (fitting > 0) return fitting + "/" + up + " agents fit" + scope + " now: waiting for the scheduler's next attempt";
        String which = ever ? "largest free" : "largest total";
        StringJoiner short_ = new StringJoiner(", ");
        if (need.cpuMillis() > largest[0]) short_.add("insufficient cpu (needs " + cores(need.cpuMillis()) + ", " + which + " " + cores(largest[0]) + ")");
        if (need.memMiB() > largest[1]) short_.add("insufficient memory (needs " + need.memMiB() + " MiB, " + which + " " + largest[1] + " MiB)");
        if (need.diskMiB() > largest[2]) short_.add("insufficient disk (needs " + need.diskMiB() + " MiB, " + which + " " + largest[2] + " MiB)");
        if (need.gpus() > largest[3]) short_.add("insufficient gpus (needs " + need.gpus() + ", " + which + " " + largest[3] + ")");
        // each resource fits on some agent, but no agent has room for all of them at once
        String why = short_.length() > 0 ? short_.toString() : "no agent has room for cpu " + cores(need.cpuMillis()) + " and " + need.memMiB()
                + " MiB together";
        return "0/" + up + " agents fit" + scope + ": " + why + (ever ? "" : "; no agent can ever fit it");
    }

    /** Cores as a person writes them: 64, 0.5, 1.25. */
    static String cores(long millis) {
        if (millis % 1000 == 0) return Long.toString(millis / 1000);
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    private static String selector(Map<String, String> s) {
        StringJoiner j = new StringJoiner(",");
        new TreeMap<>(s).forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }
}
