package org.mesocosm.runtime.live;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.JobOutcome;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.spec.ParsedJob;

/**
 * What clients ask of jobs, turned into the master's inputs: a submission (its key, an id for a
 * job without one, its user and secrets checked first), a kill, a scale, and the lookups that
 * answer 404 or 409 for a job that is gone. Apart from {@link LiveDriver}, which owns the event
 * loop, the master and the log, so that the driver is only the loop that feeds the master. Every
 * method runs on the event loop (the driver's facades check that).
 */
final class JobRequests {
    private final Master master;
    private final LiveState state;
    private final JobExtras extras;
    /** Hands an input to the master, logged first ({@code LiveDriver.feed}). */
    private final Consumer<Input> feed;
    /** Records a job's user in the log ahead of its submission (nothing without a log). */
    private final BiConsumer<String, String> logJobUser;
    /** Per role: the number of the next id {@code job-N} to try for a job submitted without one. */
    private final Map<String, long[]> nextJobNumber = new HashMap<>();

    JobRequests(Master master, LiveState state, JobExtras extras, Consumer<Input> feed, BiConsumer<String, String> logJobUser) {
        this.master = master;
        this.state = state;
        this.extras = extras;
        this.feed = feed;
        this.logJobUser = logJobUser;
    }

    /**
     * Submits a job under its key ({@link JobKeys}: {@code role:id}, the bare id in the default role);
     * assigns an id if the spec had none. Returns the key. Only a job of the same role can make
     * an id taken: a 409 tells the submitter of what its own role holds, nothing of other roles.
     */
    String submit(ParsedJob job) {
        extras.checkSecrets(job.spec()); // before an id is handed out: a refused job uses none up
        try {
            master.policy().admit(job.spec()); // e.g. a framework the mesos policy does not run
        } catch (org.mesocosm.runtime.spec.SpecError e) {
            throw new ApiError(400, e.field(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, e.getMessage());
        }
        String role = job.spec().role();
        if (!job.idGiven()) {
            long[] next = nextJobNumber.computeIfAbsent(role, r -> new long[] {1});
            String id;
            do id = "job-" + next[0]++; while (JobKeys.taken(master, state, role, id));
            job = job.withId(JobKeys.key(role, id));
        } else if (JobKeys.taken(master, state, role, job.spec().id())) {
            String heldBy = state.jobsNamed(job.spec().id()).getOrDefault(JobKeys.key(role, job.spec().id()), role);
            throw new ApiError(409, "id", heldBy.equals(role) ? "id: a job '" + job.spec().id() + "' already exists in role '" + role + "'"
                    : "id: '" + job.spec().id() + "' is held by a job submitted before job ids were per role; choose another id");
        } else {
            job = job.withId(JobKeys.key(role, job.spec().id()));
        }
        String id = job.spec().id();
        extras.submitting(id, job.user());
        logJobUser.accept(id, job.user());
        try {
            feed.accept(new Input.JobSubmitted(job.spec()));
        } catch (RuntimeException e) {
            extras.notSubmitted(id); // the log refused it: users.json must not hold what the log does not (issue 18)
            throw e;
        }
        extras.submitted();
        return id;
    }

    void kill(String jobId) {
        requireJob(jobId);
        feed.accept(new Input.JobKillRequested(jobId));
    }

    void scale(String jobId, String taskName, int instances) {
        LiveState.JobRecord j = requireJob(jobId);
        if (j.spec.kind() != JobKind.SERVICE) {
            throw new ApiError(400, "", "only services scale; " + jobId + " is a " + j.spec.kind().name().toLowerCase(Locale.ROOT) + " job");
        }
        if (!j.targets.containsKey(taskName)) throw new ApiError(400, "task", "task: job " + jobId + " has no task group '" + taskName + "'");
        if (j.endedAt >= 0 || j.killRequested) throw new ApiError(409, "", "job " + jobId + " is " + j.status());
        feed.accept(new Input.JobScaled(jobId, taskName, instances));
    }

    LiveState.JobRecord requireJob(String jobId) {
        LiveState.JobRecord j = state.job(jobId);
        if (j == null && master.jobOutcome(jobId) != null) {
            throw new ApiError(409, "job '" + jobId + "' has ended (" + Views.status(master.jobOutcome(jobId)) + "); only its outcome is kept");
        }
        if (j == null) throw new ApiError(404, "no job '" + jobId + "'");
        return j;
    }

    /** The outcome of an ended job whose details the API has forgotten (see {@link LiveState#ENDED_JOBS_KEPT}); else null. */
    JobOutcome forgottenOutcome(String jobId) {
        return state.job(jobId) == null ? master.jobOutcome(jobId) : null;
    }
}
