package org.mesocosm.sim.torture;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

/**
 * Watches one master process for a pipeline step being placed after a step it depends on
 * (directly or not) failed for good, i.e. an instance failed more than {@code maxRetries} times.
 * It learns failures from the master's own state changes, independently of the job controller.
 */
final class PipelineWatch implements MasterObserver {
    private final Map<String, JobSpec> jobs = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    /** "job/step" keys that must never be placed again. */
    private final Set<String> doomed = new HashSet<>();
    private String violation;

    String violation() { return violation; }

    @Override
    public void jobSubmitted(long now, JobSpec job) {
        if (job.kind() == JobKind.PIPELINE) jobs.put(job.id(), job);
    }

    @Override
    public void taskStateChanged(long now, Task t, TaskState from) {
        JobSpec j = jobs.get(t.jobId());
        if (j == null || t.state() != TaskState.FAILED) return;
        int n = failures.merge(t.jobId() + "/" + t.spec().name() + "/" + t.instance(), 1, Integer::sum);
        if (n > j.maxRetries()) doomDependents(j, t.spec().name());
    }

    @Override
    public void taskPlaced(long now, Task t) {
        if (violation == null && doomed.contains(t.jobId() + "/" + t.spec().name())) {
            violation = "pipeline dependent launched after a dependency failed for good: " + t.id() + " placed at " + now;
        }
    }

    private void doomDependents(JobSpec j, String failed) {
        ArrayDeque<String> todo = new ArrayDeque<>();
        todo.add(failed);
        while (!todo.isEmpty()) {
            String s = todo.poll();
            for (TaskSpec t : j.tasks()) {
                if (t.dependsOn().contains(s) && doomed.add(j.id() + "/" + t.name())) todo.add(t.name());
            }
        }
    }
}
