package org.mesocosm.cli;

/** The exit codes of every command, as the top-level help and the README list them. */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** A run's check failed, or an unexpected error. */
    public static final int FAILED = 1;
    /** Bad usage or input: a wrong option, a malformed or missing file. */
    public static final int USAGE = 2;
    /** No answer: plan found no cluster size that meets the SLOs; replay's trace has no machines over its task window. */
    public static final int NO_ANSWER = 3;
    /** The master could not be reached. */
    public static final int UNREACHABLE = 4;
    /** The master refused the request (401 or 403). */
    public static final int REFUSED = 5;
    /** The master has no such job, task or secret (404). */
    public static final int NOT_FOUND = 6;
}
