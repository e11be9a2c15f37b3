package org.mesocosm.runtime.pods;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A typed key into a {@link CycleState}: what one phase of a plugin computes for the next to read
 * back (PreFilter for Filter, PreScore for Score), without casts at the call site. Keys are
 * meant to be {@code static final} constants of the plugin classes.
 *
 * <p>Each key gets a slot number in a {@link CycleState}'s array, so that a lookup in a filter
 * loop is an array read. The numbering follows class loading order; it decides only where a
 * value is stored, never anything about scheduling, so it cannot affect a run's result.
 */
public final class StateKey<T> {
    private static final AtomicInteger SLOTS = new AtomicInteger();

    private final String name;
    private final Class<T> type;
    final int slot;

    private StateKey(String name, Class<T> type) {
        this.name = name;
        this.type = type;
        this.slot = SLOTS.getAndIncrement();
    }

    public static <T> StateKey<T> of(String name, Class<T> type) {
        return new StateKey<>(name, type);
    }

    public String name() { return name; }

    /** Checked: used where values are stored. */
    T cast(Object o) { return type.cast(o); }

    /** Unchecked: used where values are read back, in the hot loops; only {@link #cast}-checked values are ever stored. */
    @SuppressWarnings("unchecked")
    T uncheckedCast(Object o) { return (T) o; }

    @Override
    public String toString() {
        return "StateKey[" + name + "]";
    }
}
