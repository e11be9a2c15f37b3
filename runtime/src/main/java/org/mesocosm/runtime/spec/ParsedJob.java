package org.mesocosm.runtime.spec;

import java.util.Map;
import org.mesocosm.runtime.model.JobSpec;

/**
 * A job spec as submitted: the spec the master sees, whether the id was given or is a stand-in
 * for the master to replace, and the secret values. Secret values stay out of {@link JobSpec}
 * (which holds only their names), so that they never reach the master core, the input log or
 * the API's answers; only the agent that runs the task receives them.
 *
 * @param secrets per task name: secret name to value
 * @param user the OS user the job's tasks run as (live mode); null when the spec gives none and the master picks
 */
public record ParsedJob(JobSpec spec, boolean idGiven, Map<String, Map<String, String>> secrets, String user) {
    public ParsedJob {
        secrets = Map.copyOf(secrets);
    }

    public ParsedJob(JobSpec spec, boolean idGiven, Map<String, Map<String, String>> secrets) {
        this(spec, idGiven, secrets, null);
    }

    /** The same job run as another OS user. */
    public ParsedJob withUser(String u) {
        return new ParsedJob(spec, idGiven, secrets, u);
    }

    /** The same job under another id (the master assigns ids to jobs submitted without one). */
    public ParsedJob withId(String id) {
        JobSpec s = spec;
        return new ParsedJob(new JobSpec(id, s.role(), s.kind(), s.priority(), s.tasks(), s.maxRetries(), s.cron()), true, secrets, user);
    }
}
