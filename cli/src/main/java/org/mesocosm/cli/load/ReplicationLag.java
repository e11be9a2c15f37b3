package org.mesocosm.cli.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.mesocosm.runtime.live.ReplicaRole;

/**
 * How far the replicas of a group trailed during a load run, sampled every
 * {@link InProcessHaGroup#SAMPLE_MILLIS} ms from the consensus layer (the same numbers
 * {@code /metrics} shows): the leader's view of its furthest follower (entries of the leader's log
 * it does not hold yet: the leader's last index minus the follower's match index) and the standbys'
 * own backlog (entries committed, not yet applied). Also
 * what went wrong in the group (a master that gave up leading). Any thread.
 */
final class ReplicationLag {
    private final List<Long> followerLag = new ArrayList<>();
    private final List<Long> applyLag = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /** One sample: the leader's followers and every standby's role. */
    synchronized void sample(Collection<ReplicaRole.FollowerLag> followers, Collection<ReplicaRole> standbys) {
        if (!followers.isEmpty()) followerLag.add(followers.stream().mapToLong(ReplicaRole.FollowerLag::entriesBehind).max().orElse(0));
        if (!standbys.isEmpty()) {
            applyLag.add(standbys.stream().mapToLong(r -> Math.max(0, r.commitIndex() - r.appliedIndex())).max().orElse(0));
        }
    }

    synchronized void problem(String p) {
        problems.add(p);
    }

    synchronized List<String> problems() {
        return new ArrayList<>(problems);
    }

    /** e.g. "furthest follower p50 2, max 40 entries (n=180 samples) behind the leader's log; ..." */
    synchronized String describe() {
        return "furthest follower " + quantiles(followerLag) + " behind the leader's log (its last index minus the follower's match index);"
                + " standbys' unapplied backlog " + quantiles(applyLag);
    }

    synchronized long[] followerP50AndMax() {
        return new long[] {quantile(followerLag, 0.5), followerLag.isEmpty() ? -1 : Collections.max(followerLag)};
    }

    private static String quantiles(List<Long> samples) {
        if (samples.isEmpty()) return "n/a (no samples)";
        return String.format(Locale.ROOT, "p50 %d, max %d entries (n=%d samples)", quantile(samples, 0.5), Collections.max(samples), samples.size());
    }

    private static long quantile(List<Long> samples, double q) {
        if (samples.isEmpty()) return -1;
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }
}
