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

    /**
     * The leader's view of each follower's replication, by follower id; empty on a standby (and
     * when the consensus layer does not tell).
     */
    default java.util.Map<String, FollowerLag> followers() {
        return java.util.Map.of();
    }

    /**
     * When the certificates the masters authenticate each other with expire, by which one
     * ({@code peer-cert}: this master's own; {@code peer-trust}: the earliest it trusts); empty
     * without peer TLS.
     */
    default java.util.Map<String, java.time.Instant> peerCertificateExpiry() {
        return java.util.Map.of();
    }

    /**
     * How far one follower trails, as the leader sees it.
     *
     * @param entriesBehind entries of the leader's log the follower does not hold yet: the leader's
     *                      last log index minus the follower's match index (0 when caught up)
     * @param millisSinceContact time since the follower last answered the leader, ms; -1 if unknown
     */
    record FollowerLag(long entriesBehind, long millisSinceContact) {}
}
