package org.mesocosm.runtime.live;

/**
 * How a master replicated with others stands (issue 19), as the consensus layer tells it: which
 * master leads and how far the replicated log has come. Read by the API (a standby sends writes
 * to the leader), the status page and {@code /metrics}. Any thread.
 */
public interface ReplicaRole {
    /** This master's id among its peers (e.g. {@code m1}). */
    String self();

    /** The id of the master that leads now, or null while there is none (an election). */
    String leaderId();

    /** The API URL of the leader (as it announced it in the log), or null while unknown. */
    String leaderUrl();

    /** The consensus term. */
    long term();

    /** Index of the last log entry known committed by a majority. */
    long commitIndex();

    /** Index of the last log entry applied to this master. */
    long appliedIndex();
}
