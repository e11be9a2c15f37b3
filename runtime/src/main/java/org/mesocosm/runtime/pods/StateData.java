package org.mesocosm.runtime.pods;

/**
 * Per-cycle data that preemption may change on a copy of the cycle state (what-if: "without these
 * victims"). Values that are never changed after PreFilter need not implement it; they are shared
 * between copies.
 */
public interface StateData {
    /** A deep enough copy that changing it leaves the original untouched. */
    StateData copy();
}
