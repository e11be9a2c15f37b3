package org.mesocosm.runtime.model;

import java.util.Map;

/** Something a workload makes happen at a point in time: a job arrives, a machine comes or goes. */
public sealed interface WorkloadEvent {
    long atMicros();

    record JobArrival(long atMicros, JobSpec job) implements WorkloadEvent {}

    /** A machine joins the cluster (traces record machines added over time). */
    record MachineUp(long atMicros, String machineId, Resources capacity, Map<String, String> attributes) implements WorkloadEvent {}

    /** A machine leaves the cluster (removed or failed, as the trace says). */
    record MachineDown(long atMicros, String machineId, String reason) implements WorkloadEvent {}
}
