package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.mesocosm.runtime.log.InputCodec;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.JobOutcome;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.model.gpu.GpuDevices;
import org.mesocosm.runtime.spec.JobSpecWriter;

/** The API's JSON shapes of agents, jobs and tasks. Built on the event loop (they read master state). */
final class Views {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Views() {}

    static ObjectNode agent(Agent a, AgentChannel ch) {
        ObjectNode o = F.objectNode().put("id", a.id()).put("state", a.isUp() ? "up" : "lost");
        ObjectNode attrs = o.putObject("attributes");
        a.attributes().forEach(attrs::put);
        o.set("total", InputCodec.resources(a.total()));
        o.set("used", InputCodec.resources(a.allocated()));
        o.set("offered", InputCodec.resources(a.offered()));
        o.set("free", InputCodec.resources(a.isUp() ? a.free() : Resources.ZERO));
        o.put("tasks", a.taskCount());
        if (ch != null) o.put("last_seen_ms_ago", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ch.lastSeenNanos()));
        return o;
    }

    static ObjectNode jobSummary(LiveState.JobRecord j) {
        ObjectNode o = F.objectNode().put("id", j.spec.id()).put("kind", j.spec.kind().name().toLowerCase(Locale.ROOT))
                .put("role", j.spec.role()).put("priority", j.spec.priority()).put("status", j.status());
        o.put("submitted_at", time(j.submittedAt));
        if (j.endedAt >= 0) o.put("ended_at", time(j.endedAt));
        if (j.parentId != null) o.put("cron_job", j.parentId);
        ObjectNode counts = o.putObject("tasks_by_state");
        for (TaskState s : TaskState.values()) if (j.byState[s.ordinal()] > 0) counts.put(s.name(), j.byState[s.ordinal()]);
        ObjectNode targets = o.putObject("instances");
        j.targets.forEach(targets::put);
        if (j.spec.cron() != null) {
            o.put("schedule", j.spec.cron().expression().toString()).put("timezone", j.spec.cron().zone().getId()).put("runs", j.runs.size());
        }
        return o;
    }

    /** An ended job the API no longer keeps: the master's record of its outcome is all there is. */
    static ObjectNode forgottenJob(String id, JobOutcome outcome) {
        return F.objectNode().put("id", id).put("status", status(outcome)).put("details_forgotten", true)
                .put("message", "ended; its tasks are no longer kept (the API keeps the last " + LiveState.ENDED_JOBS_KEPT + " ended jobs)");
    }

    /** The API's word for an outcome, as {@code LiveState.JobRecord#status()} says it. */
    static String status(JobOutcome o) {
        return switch (o) {
            case SUCCEEDED -> "finished";
            case FAILED -> "failed";
            case KILLED -> "killed";
        };
    }

    static ObjectNode jobDetail(LiveState.JobRecord j, org.mesocosm.runtime.master.Master master) {
        ObjectNode o = jobSummary(j);
        if (!j.runs.isEmpty()) {
            ArrayNode runs = o.putArray("run_ids");
            j.runs.forEach(runs::add);
        }
        ArrayNode tasks = o.putArray("tasks");
        for (Task t : j.tasks) tasks.add(task(t, master.whyPending(t)));
        if (j.endedDropped > 0) o.put("ended_tasks_not_shown", j.endedDropped);
        o.set("spec", JobSpecWriter.toTree(j.spec));
        return o;
    }

    static ObjectNode task(Task t) {
        return task(t, null);
    }

    /** @param why why the task waits for an agent ({@code Master#whyPending}), or null */
    static ObjectNode task(Task t, String why) {
        ObjectNode o = F.objectNode().put("id", t.id()).put("job_id", t.jobId()).put("name", t.spec().name())
                .put("instance", t.instance()).put("attempt", t.attempt()).put("state", t.state().name());
        if (t.agent() != null) o.put("agent", t.agent().id());
        if (t.agent() != null && !t.gpu().none()) o.put("gpu_devices", GpuDevices.format(t.gpuDevices())); // the master's choice
        if (t.isUnschedulable()) o.put("unschedulable", true);
        if (why != null) o.put("pending_reason", why);
        if (t.state() == TaskState.FINISHED || t.state() == TaskState.FAILED || (t.state() == TaskState.KILLED && t.exitCode() >= 0)) {
            o.put("exit_code", t.exitCode());
        }
        if (!t.endReason().isEmpty()) o.put("message", t.endReason());
        o.put("created_at", time(t.readyAt()));
        if (t.placedAt() >= 0) o.put("placed_at", time(t.placedAt()));
        if (t.startedAt() >= 0) o.put("started_at", time(t.startedAt()));
        if (t.endedAt() >= 0) o.put("ended_at", time(t.endedAt()));
        return o;
    }

    /** Master time is microseconds since the epoch in live mode. */
    static String time(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
                .truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
