package org.mesocosm.traces;

import org.mesocosm.runtime.model.WorkloadEvent;

/**
 * One event of a replayed trace: a job arrival with what the trace recorded about its instances,
 * or a machine coming or going ({@code facts} null).
 */
public record TraceRecord(WorkloadEvent event, InstanceFacts facts) {
    public TraceRecord {
        if (event == null) throw new IllegalArgumentException("event is required");
        if (event instanceof WorkloadEvent.JobArrival a) {
            if (facts == null || facts.size() != a.job().totalInstances()) {
                throw new IllegalArgumentException("job " + a.job().id() + ": facts must cover its " + a.job().totalInstances() + " instances");
            }
        } else if (facts != null) {
            throw new IllegalArgumentException("machine events carry no instance facts");
        }
    }

    public long atMicros() { return event.atMicros(); }
}
