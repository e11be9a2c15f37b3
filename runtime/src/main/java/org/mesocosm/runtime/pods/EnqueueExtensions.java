package org.mesocosm.runtime.pods;

import java.util.Set;
import org.mesocosm.runtime.master.Task;

/**
 * Which cluster events may make a pod this plugin rejected schedulable again (kube-scheduler's
 * EventsToRegister with queueing hints). A plugin without it is taken to care about every event.
 */
public interface EnqueueExtensions {
    Set<ClusterEvent.Type> events();

    /** Could the pod pass this plugin after the event? False skips requeueing for this plugin. Must be cheap. */
    default boolean isSchedulableAfter(ClusterEvent event, Task pod) { return true; }
}
