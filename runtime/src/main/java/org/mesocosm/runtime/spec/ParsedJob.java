package org.mesocosm.runtime.spec;

import org.mesocosm.runtime.model.JobSpec;

/**
 * A job spec as submitted: the spec the master sees, and whether the id was given or is a
 * stand-in for the master to replace. A spec names the secrets it uses (see
 * {@link org.mesocosm.runtime.model.SecretRef}) but never holds their values.
 */
public record ParsedJob(JobSpec spec, boolean idGiven) {
    /** The same job under another id (the master assigns ids to jobs submitted without one). */
    public ParsedJob withId(String id) {
        JobSpec s = spec;
        return new ParsedJob(new JobSpec(id, s.role(), s.kind(), s.priority(), s.tasks(), s.maxRetries(), s.cron()), true);
    }
}
