package org.mesocosm.runtime.offer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;

/**
 * Static reservations, agent by agent. Each matching rule sets aside a slot of the agent's
 * resources for a role and its descendants. A slot's {@code used} part is what that role holds
 * of it (in outstanding offers or launched tasks); the rest of the slot is invisible to other roles.
 * Entitled tasks take from the most specific slot first, then from the unreserved part, so that
 * other roles only ever get what lies outside every slot.
 */
final class Reservations {

    static final class Slot {
        final String role;
        final long[] amount;
        final long[] used = new long[4];

        Slot(String role, long[] amount) {
            this.role = role;
            this.amount = amount;
        }

        boolean entitles(String taskRole) {
            return taskRole.equals(role) || (taskRole.startsWith(role) && taskRole.charAt(role.length()) == '/');
        }

        long remaining(int d) { return amount[d] - used[d]; }
    }

    private final List<AllocatorConfig.Reservation> rules;
    /** Per agent index: its slots, most specific role first; null when it has none. */
    private Slot[][] byAgent = new Slot[0][];
    /** What each launched task took from slots, per slot of its agent; only tasks that took something. */
    private final Map<String, long[][]> taken = new HashMap<>();

    Reservations(List<AllocatorConfig.Reservation> rules) {
        this.rules = rules;
    }

    boolean any() { return !rules.isEmpty(); }

    Slot[] slots(Agent a) {
        return a.index() < byAgent.length ? byAgent[a.index()] : null;
    }

    /** Applies the rules to a (re-)registered agent; reservations beyond what it has are clipped. */
    void agentAdded(Agent a) {
        if (rules.isEmpty()) return;
        if (a.index() >= byAgent.length) byAgent = Arrays.copyOf(byAgent, Math.max(a.index() + 1, byAgent.length * 2));
        long[] left = vec(a.total());
        List<Slot> slots = new ArrayList<>();
        for (AllocatorConfig.Reservation r : rules) {
            if (!r.matches(a)) continue;
            long[] amt = vec(r.amount());
            for (int d = 0; d < 4; d++) {
                amt[d] = Math.min(amt[d], left[d]);
                left[d] -= amt[d];
            }
            if (amt[0] + amt[1] + amt[2] + amt[3] > 0) slots.add(new Slot(r.role(), amt));
        }
        // deepest role first, so that eng/batch uses its own slot before the one of eng (stable: rule order otherwise)
        slots.sort((x, y) -> Integer.compare(depth(y.role), depth(x.role)));
        byAgent[a.index()] = slots.isEmpty() ? null : slots.toArray(new Slot[0]);
    }

    void agentRemoved(Agent a) {
        if (a.index() < byAgent.length) byAgent[a.index()] = null;
    }

    private static int depth(String role) {
        int n = 0;
        for (int i = 0; i < role.length(); i++) if (role.charAt(i) == '/') n++;
        return n;
    }

    static long[] vec(Resources r) {
        return new long[] {r.cpuMillis(), r.memMiB(), r.diskMiB(), r.gpus()};
    }

    /** The agent's free resources outside every slot (what any role may be offered). */
    long[] unreservedFree(Agent a, Resources free) {
        long[] v = vec(free);
        Slot[] slots = slots(a);
        if (slots != null) for (Slot s : slots) for (int d = 0; d < 4; d++) v[d] -= s.remaining(d);
        return v;
    }

    /** What is left in the slots {@code role} may use on this agent. */
    long[] reservedFor(Agent a, String role) {
        long[] v = new long[4];
        Slot[] slots = slots(a);
        if (slots != null) for (Slot s : slots) if (s.entitles(role)) for (int d = 0; d < 4; d++) v[d] += s.remaining(d);
        return v;
    }

    /**
     * Takes up to {@code want} from the role's slots on the agent, most specific first; returns
     * what came from each slot (null if none), so that it can be given back exactly.
     */
    long[][] take(Agent a, String role, long[] want) {
        Slot[] slots = slots(a);
        if (slots == null) return null;
        long[][] parts = null;
        long[] left = want.clone();
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            if (!s.entitles(role)) continue;
            for (int d = 0; d < 4; d++) {
                long x = Math.min(left[d], s.remaining(d));
                if (x <= 0) continue;
                if (parts == null) parts = new long[slots.length][];
                if (parts[i] == null) parts[i] = new long[4];
                parts[i][d] = x;
                s.used[d] += x;
                left[d] -= x;
            }
        }
        return parts;
    }

    void giveBack(Agent a, long[][] parts) {
        if (parts == null) return;
        Slot[] slots = slots(a);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) continue;
            for (int d = 0; d < 4; d++) slots[i].used[d] -= parts[i][d];
        }
    }

    void taskLaunched(Task t, Agent a) {
        if (slots(a) == null) return;
        long[][] parts = take(a, t.role(), vec(t.request()));
        if (parts != null) taken.put(t.id(), parts);
    }

    void taskReleased(Task t) {
        long[][] parts = taken.remove(t.id());
        if (parts != null) giveBack(t.agent(), parts);
    }
}
