package org.mesocosm.traces;

import java.util.List;
import org.mesocosm.runtime.model.WorkloadEvent;

/**
 * One event of a replayed trace: a job arrival with what the trace recorded about its instances,
 * or a machine coming or going ({@code facts} null).
 *
 * @param traits one per task group of the job (constraints, usage), or null when the trace has
 *               none for this job
 */
public record TraceRecord(WorkloadEvent event, InstanceFacts facts, List<TaskTraits> traits) {
    public TraceRecord(WorkloadEvent event, InstanceFacts facts) {
        this(event, facts, null);
    }

    public TraceRecord {
        if (traits != null) {
            if (!(event instanceof WorkloadEvent.JobArrival a) || traits.size() != a.job().tasks().size()) {
                throw new IllegalArgumentException("traits must match the job's task groups");
            }
            traits = List.copyOf(traits);
        }
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

    /** The traits of task group {@code i}: {@link TaskTraits#NONE} when the trace recorded none. */
    public TaskTraits traits(int i) {
        return traits == null ? TaskTraits.NONE : traits.get(i);
    }
}
