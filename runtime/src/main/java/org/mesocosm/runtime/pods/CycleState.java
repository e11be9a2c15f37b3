package org.mesocosm.runtime.pods;

import java.util.Arrays;

/**
 * Data of one scheduling attempt of one pod, shared by its phases: PreFilter computes once,
 * Filter reads it back for every node. Also remembers which plugins asked to be skipped for
 * this pod (their PreFilter or PreScore returned {@link Status.Code#SKIP}).
 */
public final class CycleState {
    private Object[] slots;
    long skipFilter;
    long skipScore;

    public CycleState() {
        this(new Object[8]);
    }

    private CycleState(Object[] slots) {
        this.slots = slots;
    }

    public <T> T get(StateKey<T> key) {
        Object[] s = slots;
        return key.slot < s.length ? key.uncheckedCast(s[key.slot]) : null;
    }

    /** Like {@link #get}, but a missing value is an error in the plugin that wrote (or should have). */
    public <T> T require(StateKey<T> key) {
        T v = get(key);
        if (v == null) throw new IllegalStateException("cycle state has no " + key.name() + " (did its PreFilter/PreScore run?)");
        return v;
    }

    public <T> void put(StateKey<T> key, T value) {
        if (key.slot >= slots.length) slots = Arrays.copyOf(slots, Math.max(key.slot + 1, slots.length * 2));
        slots[key.slot] = key.cast(value);
    }

    /** A copy for a what-if evaluation: {@link StateData} values are copied, others shared. */
    public CycleState copy() {
        Object[] c = slots.clone();
        for (int i = 0; i < c.length; i++) if (c[i] instanceof StateData d) c[i] = d.copy();
        CycleState s = new CycleState(c);
        s.skipFilter = skipFilter;
        s.skipScore = skipScore;
        return s;
    }
}
