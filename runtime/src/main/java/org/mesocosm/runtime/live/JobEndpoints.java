package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.mesocosm.runtime.master.JobOutcome;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.security.Action;
import org.mesocosm.runtime.spec.JobSpecReader;
import org.mesocosm.runtime.spec.ParsedJob;

/**
 * The jobs' side of the API: submit, list, view, kill and scale jobs, fetch their tasks' logs
 * ({@link LogFetches}), and list task attempts. Requests are checked here (who may, what is in
 * bounds: {@link JobAdmission}) and carried out on the driver's event loop. Apart from
 * {@link ApiServer}, which routes and answers errors, as the agents' and the secrets' sides are.
 *
 * <pre>
 * GET  /api/v1/jobs                   job summaries
 * POST /api/v1/jobs                   submit a job spec (JSON or YAML) -> 201 {"id": ...}
 * GET  /api/v1/jobs/ID                one job with its tasks
 * POST /api/v1/jobs/ID/kill           kill a job
 * POST /api/v1/jobs/ID/scale          {"task": NAME, "instances": N} for a service
 * GET  /api/v1/jobs/ID/logs?...       a slice of a task's stdout/stderr
 * GET  /api/v1/tasks[?state=S&amp;job=ID] task attempts, newest first
 * </pre>
 */
final class JobEndpoints {
    static final int TASKS_LISTED = 1000;
    /** The run_tasks object of a job without a user when the master has no default: the agent's own user. */
    static final String AGENT_USER = "(agent's user)";

    private final LiveDriver driver;
    private final AccessControl access;
    private final SecretAccess secretAccess;
    private final LogFetches logs;
    /** The server's current limits ({@link ApiServer#withAdmission}), read once per request. */
    private final Supplier<JobAdmission> admission;

    JobEndpoints(LiveDriver driver, AccessControl access, SecretAccess secretAccess, LogFetches logs, Supplier<JobAdmission> admission) {
        this.driver = driver;
        this.access = access;
        this.secretAccess = secretAccess;
        this.logs = logs;
        this.admission = admission;
    }

    /** {@code s}: the path segments after {@code /api/v1/}, starting with "jobs". */
    void jobs(HttpCall c, String[] s) throws IOException {
        if (s.length == 1) {
            if (c.method.equals("POST")) {
                ParsedJob parsed = JobSpecReader.read(c.body());
                ParsedJob job = parsed.withUser(access.userOf(parsed.user()));
                access.require(c, Action.SUBMIT_JOBS, job.spec().role());
                access.require(c, Action.RUN_TASKS, job.user() == null ? AGENT_USER : job.user());
                job.spec().tasks().forEach(t -> t.secrets().forEach(r -> secretAccess.check(c, SecretAccess.Action.USE, r.name())));
                JobAdmission limits = admission.get();
                limits.checkTotals(job.spec()); // before anything is logged: a job too big for the master is a 400, not an OutOfMemoryError
                String id = driver.call(() -> {
                    limits.checkQuota(driver.state(), job.spec()); // on the loop, with the submission: no two jobs squeeze into one quota's room
                    return driver.jobs().submit(job);
                });
                c.json(201, HttpCall.JSON.createObjectNode().put("id", id));
            } else {
                c.requireGet();
                c.json(200, driver.call(() -> {
                    ObjectNode o = HttpCall.JSON.createObjectNode();
                    ArrayNode arr = o.putArray("jobs");
                    for (LiveState.JobRecord j : driver.state().jobs()) {
                        if (access.allows(c.principal, Action.VIEW_JOBS, j.spec.role())) arr.add(Views.jobSummary(j));
                    }
                    return o;
                }));
            }
            return;
        }
        if (s.length > 3 || (s.length == 3 && !s[2].equals("kill") && !s[2].equals("scale") && !s[2].equals("logs"))) return;
        // one who may not view a job learns nothing of it, not even that it exists: 404 as for no job at all
        JobKeys.Resolved job = JobKeys.resolve(c, HttpCall.pathSegment(s[1]), driver, access);
        String id = job.key(), role = job.role();
        if (s.length == 2) {
            c.requireGet();
            c.json(200, driver.call(() -> {
                JobOutcome forgotten = driver.jobs().forgottenOutcome(id);
                return forgotten != null ? Views.forgottenJob(id, forgotten) : Views.jobDetail(driver.jobs().requireJob(id), driver.master());
            }));
        } else if (s.length == 3 && s[2].equals("logs")) {
            c.requireGet();
            if (driver.call(() -> driver.jobs().forgottenOutcome(id)) != null) {
                throw new ApiError(404, "job", "job '" + id + "' has ended and its tasks are forgotten: no logs");
            }
            logs.fetch(c, id); // authorized as viewing the job, above
        } else if (s.length == 3 && s[2].equals("kill")) {
            c.requirePost();
            access.require(c, Action.KILL_JOBS, role);
            driver.call(() -> {
                driver.jobs().kill(id);
                return null;
            });
            c.json(202, HttpCall.JSON.createObjectNode().put("id", id).put("status", "killing"));
        } else if (s.length == 3 && s[2].equals("scale")) {
            c.requirePost();
            access.require(c, Action.SUBMIT_JOBS, role);
            ObjectNode b = c.jsonBody();
            String task = b.path("task").asText("");
            if (!b.path("instances").canConvertToInt() || b.path("instances").asInt() < 0) {
                throw new ApiError(400, "instances", "instances: a whole number >= 0 is required");
            }
            if (b.path("instances").asInt() > JobSpecReader.MAX_INSTANCES) { // the master would allocate for every one
                throw new ApiError(400, "instances", "instances: at most " + JobSpecReader.MAX_INSTANCES + ", as in a job spec");
            }
            int n = b.path("instances").asInt();
            JobAdmission limits = admission.get();
            driver.call(() -> {
                LiveState.JobRecord j = driver.jobs().requireJob(id);
                limits.checkScaled(j.spec, j.targets, task, n);
                Integer before = j.targets.get(task);
                if (before != null && n > before) {
                    var group = j.spec.tasks().stream().filter(t -> t.name().equals(task)).findFirst().orElseThrow();
                    limits.checkQuota(driver.state(), j.spec.role(), n - before, group.request().cpuMillis() * (n - before),
                            group.request().memMiB() * (n - before));
                }
                driver.jobs().scale(id, task, n);
                return null;
            });
            c.json(202, HttpCall.JSON.createObjectNode().put("id", id).put("task", task).put("instances", n));
        }
    }

    /** {@code GET /api/v1/tasks[?state=S&job=ID]}; {@code s}: the path segments after {@code /api/v1/}. */
    void tasks(HttpCall c, String[] s) throws IOException {
        if (s.length != 1) return;
        c.requireGet();
        String job = c.query.get("job");
        String key = job == null ? null : JobKeys.resolve(c, job, driver, access).key();
        c.json(200, driver.call(() -> taskList(c.query.get("state"), key, c.principal)));
    }

    private ObjectNode taskList(String state, String jobId, String principal) {
        TaskState want = null;
        if (state != null) {
            try {
                want = TaskState.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "state", "state: unknown task state '" + state + "'");
            }
        }
        // jobId is a resolved key: the caller may view its role ({@link JobKeys#resolve})
        List<LiveState.JobRecord> jobs = jobId == null ? new ArrayList<>(driver.state().jobs()) : List.of(driver.jobs().requireJob(jobId));
        ObjectNode o = HttpCall.JSON.createObjectNode();
        ArrayNode arr = o.putArray("tasks");
        int listed = 0;
        outer:
        for (int i = jobs.size() - 1; i >= 0; i--) {
            if (!access.allows(principal, Action.VIEW_JOBS, jobs.get(i).spec.role())) continue;
            List<Task> tasks = jobs.get(i).tasks;
            for (int k = tasks.size() - 1; k >= 0; k--) {
                Task t = tasks.get(k);
                if (want != null && t.state() != want) continue;
                if (listed++ == TASKS_LISTED) {
                    o.put("truncated", true);
                    break outer;
                }
                arr.add(Views.task(t, driver.master().whyPending(t)));
            }
        }
        return o;
    }
}
