package org.mesocosm.runtime.spec;

import org.mesocosm.runtime.model.JobSpec;

/**
 * A job spec as submitted: the spec the master sees, whether the id was given or is a stand-in
 * for the master to replace, and the OS user its tasks run as. A spec names the secrets it uses
 * (see {@link org.mesocosm.runtime.model.SecretRef}) but never holds their values.
 *
 * @param user the OS user the job's tasks run as (live mode); null when the spec gives none and the master picks
 */
public record ParsedJob(JobSpec spec, boolean idGiven, String user) {

    public ParsedJob(JobSpec spec, boolean idGiven) {
        this(spec, idGiven, null);
    }

    /** The same job run as another OS user. */
    public ParsedJob withUser(String u) {
        return new ParsedJob(spec, idGiven, u);
    }

    /** The same job under another id (the master assigns ids to jobs submitted without one). */
    public ParsedJob withId(String id) {
        JobSpec s = spec;
        return new ParsedJob(s.with(id, s.tasks()), true, user);
    }
}
