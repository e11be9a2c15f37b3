package org.mesocosm.sim.torture;

import java.util.List;

/** The messages the simulated masters exchange to replicate their input log (Raft's two RPCs and their answers). */
sealed interface RaftMessage {
    long term();

    int from();

    record RequestVote(long term, int from, long lastIndex, long lastTerm) implements RaftMessage {}

    record Vote(long term, int from, boolean granted) implements RaftMessage {}

    /** Entries {@code prevIndex+1 ..} for a follower whose log must hold {@code prevIndex} with {@code prevTerm}; none is a heartbeat. */
    record Append(long term, int from, long prevIndex, long prevTerm, List<RaftLog.Entry> entries, long leaderCommit) implements RaftMessage {
        @Override
        public String toString() {
            return "Append[term " + term + " from m" + (from + 1) + " prev " + prevIndex + "/" + prevTerm + " entries " + entries.size()
                    + " commit " + leaderCommit + "]";
        }
    }

    /** A follower's answer: on success it holds the leader's log up to {@code matchIndex}; otherwise a hint where to retry. */
    record AppendReply(long term, int from, boolean success, long matchIndex) implements RaftMessage {}
}
