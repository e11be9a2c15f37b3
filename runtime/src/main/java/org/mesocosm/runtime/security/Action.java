package org.mesocosm.runtime.security;

import java.util.Locale;

/**
 * What a principal asks to do, in the spirit of Mesos' ACL actions. Each action has the key it
 * goes under in an ACL file and the kind of object its rules name ({@code null}: the action has
 * no object, only principals).
 */
public enum Action {
    /** Register (and then heartbeat and report as) an agent with a given id. */
    REGISTER_AGENTS("agents"),
    /** Submit or scale jobs in a role (Mesos: register_frameworks with roles). */
    SUBMIT_JOBS("roles"),
    /** Have tasks run as an OS user (Mesos: run_tasks with users). */
    RUN_TASKS("users"),
    /** See jobs of a role and their tasks. */
    VIEW_JOBS("roles"),
    /** Kill jobs of a role. */
    KILL_JOBS("roles"),
    /** See the whole cluster: the status page, /metrics, the agent list, secret names. */
    VIEW_CLUSTER(null),
    /** Create, replace or delete a named secret (values are never read back). */
    MANAGE_SECRETS("secrets"),
    /** Submit jobs whose tasks receive a named secret. */
    USE_SECRETS("secrets");

    private final String objects;

    Action(String objects) {
        this.objects = objects;
    }

    /** The key in an ACL file, e.g. {@code submit_jobs}. */
    public String key() { return name().toLowerCase(Locale.ROOT); }

    /** The key of a rule's object list, e.g. {@code roles}; null if the action has none. */
    public String objects() { return objects; }
}
