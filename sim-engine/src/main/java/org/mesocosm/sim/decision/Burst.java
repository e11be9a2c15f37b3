package org.mesocosm.sim.decision;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;

/**
 * What one decision did: the jobs and tasks it considered (in the order it met them), what it
 * placed, and what it cost so far. One input to the master makes at most one decision.
 */
final class Burst {

    /** One job's part of the decision: t_job once, t_task per task considered. */
    static final class Charge {
        final String jobId;
        final JobKind kind;
        int tasks;
        int placed;
        long costMicros;

        Charge(String jobId, JobKind kind) {
            this.jobId = jobId;
            this.kind = kind;
        }
    }

    /** Jobs in the order the decision first considered them (the order abandonments go out in). */
    final Map<String, Charge> jobs = new LinkedHashMap<>();
    /** Tasks already counted, by sequence number: a task considered and then launched counts once. */
    private final Set<Long> tasks = new HashSet<>();
    long modelMicros;
    long cpuNanos;

    /** The task's job's charge; {@code isNew} tells whether the task was counted just now. */
    Charge consider(Task t, boolean[] isNew) {
        Charge c = jobs.get(t.jobId());
        if (c == null) {
            c = new Charge(t.jobId(), t.kind());
            jobs.put(t.jobId(), c);
        }
        isNew[0] = tasks.add(t.seq());
        if (isNew[0]) c.tasks++;
        return c;
    }

    boolean consideredAny() { return !jobs.isEmpty(); }

    void clear() {
        if (!jobs.isEmpty()) {
            jobs.clear();
            tasks.clear();
        }
        modelMicros = 0;
        cpuNanos = 0;
    }
}
