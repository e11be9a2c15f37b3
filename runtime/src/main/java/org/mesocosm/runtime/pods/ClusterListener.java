package org.mesocosm.runtime.pods;

/** A plugin that keeps state across cycles (indexes, timers) and must hear of every change. */
public interface ClusterListener {
    default void podAdded(PlacedPod pod) {}

    default void podRemoved(PlacedPod pod) {}

    default void nodeAdded(NodeInfo node) {}

    default void nodeRemoved(NodeInfo node) {}
}
