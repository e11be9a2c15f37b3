package org.mesocosm.runtime.pods;

/**
 * Something changed that may let pods that did not fit fit now. Unschedulable pods are moved
 * back to the queue only when a plugin that rejected them says the event may help
 * (kube-scheduler's queueing hints).
 *
 * @param type what happened
 * @param node where (never null)
 * @param pod the pod added or deleted, or null
 */
public record ClusterEvent(Type type, NodeInfo node, PlacedPod pod) {

    public enum Type {
        /** A pod was placed on the node. */
        POD_ADDED,
        /** A pod left the node (finished, failed, killed, lost). */
        POD_DELETED,
        /** A node registered (or came back). */
        NODE_ADDED,
        /** Resources on the node were freed without a pod leaving: a nomination was cleared, or usage reclaimed. */
        RESOURCES_FREED
    }
}
