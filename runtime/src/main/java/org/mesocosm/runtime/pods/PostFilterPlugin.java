package org.mesocosm.runtime.pods;

import org.mesocosm.runtime.master.Task;

/** Runs when no node passed the filters; preemption lives here. */
public interface PostFilterPlugin extends Plugin {

    /**
     * @param status success with a nominated node (the pod will go there once victims are gone),
     *               or why nothing could be done
     * @param nominatedNode where the pod may go after preemption, or null
     * @param clearNomination forget an earlier nomination of the pod (nothing can be done for it
     *                        anywhere); false keeps it (e.g. its victims are still terminating)
     */
    record Result(Status status, NodeInfo nominatedNode, boolean clearNomination) {
        public static Result nominate(NodeInfo node) {
            return new Result(Status.SUCCESS, node, false);
        }

        /** Nothing to do now; an earlier nomination stands. */
        public static Result keep(String plugin, String reason) {
            return new Result(Status.unschedulable(plugin, reason), null, false);
        }

        /** Nothing can be done; an earlier nomination is dropped. */
        public static Result clear(String plugin, String reason) {
            return new Result(Status.unschedulable(plugin, reason), null, true);
        }
    }

    Result postFilter(CycleState state, Task pod, Diagnosis diagnosis);
}
