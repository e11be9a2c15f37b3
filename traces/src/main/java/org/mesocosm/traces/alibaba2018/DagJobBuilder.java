package org.mesocosm.traces.alibaba2018;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.InstanceFacts;
import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.PriorityBands;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TaskTraits;
import org.mesocosm.traces.TraceRecord;

/**
 * Builds the replayed jobs of one Alibaba job from its batch_task rows. Tasks that ran (or were
 * cancelled or failed) form one job: a PIPELINE when the names encode dependencies among them
 * ({@link DagName}), else a BATCH job. Every instance of a task runs for the task's recorded time
 * (end - start; batch_task has one time per task), unless batch_instance gave the task its
 * instances' own times, outcomes and mean usage ({@link Measured}). Tasks still running or waiting at the end of
 * the trace form a SERVICE job that runs until the simulation ends. The job arrives when its first
 * task started (batch_task records no submit time, so queueing delays are unknown).
 */
final class DagJobBuilder {
    record Task(String name, int instances, Outcome outcome, long startMicros, long endMicros, Resources request, Measured measured) {
        Task(String name, int instances, Outcome outcome, long startMicros, long endMicros, Resources request) {
            this(name, instances, outcome, startMicros, endMicros, request, null);
        }

        /** The task with what batch_instance recorded; its instance count becomes the rows'. */
        Task with(Measured m) {
            return new Task(name, m.durations().length, outcome, startMicros, endMicros, request, m);
        }
    }

    /**
     * What batch_instance recorded for a task's instances: one run time (-1: runs until the end)
     * and outcome each, and the mean usage (null when unmeasured).
     */
    record Measured(long[] durations, byte[] outcomes, Resources usage) {}

    private final ReadStats stats;
    private long jobsOut;

    DagJobBuilder(ReadStats stats) {
        this.stats = stats;
    }

    /** The finite job and the long-running job of {@code tasks} (either may be null). */
    List<TraceRecord> build(String jobName, List<Task> tasks, long arrival) {
        List<Task> finite = new ArrayList<>();
        List<Task> forever = new ArrayList<>();
        for (Task t : tasks) (t.outcome() == Outcome.RUNNING_AT_END || t.outcome() == Outcome.PENDING_AT_END ? forever : finite).add(t);
        List<TraceRecord> out = new ArrayList<>(2);
        if (!finite.isEmpty()) out.add(job(jobName, finite, arrival, false));
        if (!forever.isEmpty()) out.add(job(jobName, forever, arrival, true));
        return out;
    }

    private TraceRecord job(String jobName, List<Task> tasks, long arrival, boolean forever) {
        Map<Integer, String> byId = new HashMap<>();
        Set<String> names = new HashSet<>();
        List<String> uniqueNames = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            String n = t.name();
            for (int k = 2; !names.add(n); k++) n = t.name() + "#" + k;
            if (!n.equals(t.name())) stats.note("task name repeated within a job (renamed)");
            uniqueNames.add(n);
            DagName d = DagName.parse(t.name());
            if (d.id() >= 0) byId.putIfAbsent(d.id(), n);
        }
        List<TaskSpec> specs = new ArrayList<>(tasks.size());
        int total = 0;
        for (Task t : tasks) total += t.instances();
        long[] delays = new long[total];
        byte[] outcomes = new byte[total];
        boolean anyDeps = false;
        List<TaskTraits> traits = new ArrayList<>(tasks.size());
        boolean anyUsage = false;
        int k = 0;
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            Measured m = t.measured();
            long duration = forever ? -1 : t.endMicros() - t.startMicros();
            SimProfile sim = m == null ? SimProfile.fixed(duration, 0) : new SimProfile(m.durations(), 0);
            TaskSpec spec = TaskSpec.simulated(uniqueNames.get(i), t.instances(), t.request(), sim);
            traits.add(m == null || m.usage() == null ? TaskTraits.NONE : new TaskTraits(List.of(), m.usage()));
            anyUsage |= m != null && m.usage() != null;
            List<String> deps = forever ? List.of() : deps(t, byId, uniqueNames.get(i));
            if (!deps.isEmpty()) {
                spec = spec.withDependsOn(deps);
                anyDeps = true;
            }
            specs.add(spec);
            for (int j = 0; j < t.instances(); j++, k++) {
                Outcome o = m == null ? t.outcome() : Outcome.of(m.outcomes()[j]);
                delays[k] = o.wasScheduled() ? InstanceFacts.UNKNOWN : InstanceFacts.NOT_SCHEDULED;
                outcomes[k] = (byte) o.ordinal();
            }
        }
        String id = jobName + "." + ++jobsOut;
        JobKind kind = forever ? JobKind.SERVICE : anyDeps ? JobKind.PIPELINE : JobKind.BATCH;
        String role = PriorityBands.band(PriorityBands.BATCH);
        JobSpec job;
        try {
            job = new JobSpec(id, role, kind, PriorityBands.BATCH, specs, 0);
        } catch (IllegalArgumentException cycle) {
            stats.note("job with a dependency cycle (replayed without dependencies)");
            List<TaskSpec> flat = new ArrayList<>();
            for (TaskSpec s : specs) flat.add(s.withDependsOn(List.of()));
            job = new JobSpec(id, role, forever ? JobKind.SERVICE : JobKind.BATCH, PriorityBands.BATCH, flat, 0);
        }
        return new TraceRecord(new WorkloadEvent.JobArrival(arrival, job), new InstanceFacts(delays, outcomes), anyUsage ? traits : null);
    }

    private List<String> deps(Task t, Map<Integer, String> byId, String self) {
        int[] ids = DagName.parse(t.name()).deps();
        if (ids.length == 0) return List.of();
        List<String> deps = new ArrayList<>(ids.length);
        for (int id : ids) {
            String dep = byId.get(id);
            if (dep == null) {
                stats.note("dependency on a task not in the replay (dropped)");
            } else if (!dep.equals(self) && !deps.contains(dep)) {
                deps.add(dep);
            }
        }
        return deps;
    }
}
