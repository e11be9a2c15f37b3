package org.mesocosm.sim.torture;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The consensus half of one simulated master: a small, explicit Raft (leader election with terms and randomized
 * timeouts, log replication with the consistency check, commit by majority of the current term, step-down), the
 * protocol the live HA master gets from Apache Ratis. It knows nothing of the master core: it tells its {@link Host}
 * when the commit index moves, when it becomes leader and when it stops leading.
 *
 * <p>What it abstracts from Ratis: no pre-vote and no leader lease (a partitioned follower may start elections and
 * depose a working leader when it comes back, which only makes more failovers); no membership changes; no snapshots
 * (the log is kept whole, as the live master does today); one entry per input rather than batches; messages are
 * records handed over the simulated network, never bytes. It does keep what the invariants rely on: one vote per
 * term, the up-to-date check on votes, the log-matching check on appends with truncation of a conflicting suffix
 * (never of a committed entry: that is checked), and commit only of an entry of the leader's own term.
 */
final class RaftNode {
    /** Leader heartbeat (an empty append). Ratis sends one every half of the minimum election timeout. */
    static final long HEARTBEAT = 500_000L;
    /** A follower that hears from no leader for a random time in this range starts an election (the live master's timing). */
    static final long ELECTION_MIN = 1_000_000L;
    static final long ELECTION_MAX = 2_000_000L;
    /** A leader that has heard from no majority for this long steps down (the live master's leader step-down wait). */
    static final long STEP_DOWN = 5_000_000L;
    /** Most entries one append carries. */
    static final int MAX_BATCH = 64;

    enum Role { FOLLOWER, CANDIDATE, LEADER }

    /** What a node needs from the run around it. */
    interface Host {
        void send(int from, int to, RaftMessage m);

        /** Calls {@link #electionTimeout(long, long)} at {@code at} unless the node restarts before. */
        void electionTimer(int node, long at, long token);

        /** Calls {@link #heartbeat(long, long)} at {@code at}. */
        void heartbeatTimer(int node, long at, long leadership);

        void commitAdvanced(int node, long commitIndex);

        /** The node leads {@code term}; its first entry of the term is at {@code noOpIndex}. */
        void becameLeader(int node, long term, long noOpIndex);

        /** The node led and no longer does (a higher term, or no majority heard for {@link #STEP_DOWN}). */
        void stoppedLeading(int node, long term, String why);

        void violation(String what);
    }

    final int id;
    final RaftLog log = new RaftLog();
    private final int size;
    private final Host host;
    private final SplittableRandom electionTimeouts;
    /**
     * Test hook, two classic Raft bugs at once: a candidate stands again in the term it is in (no increment), and a
     * voter grants a vote to every candidate of a term, not only the first. Two masters then lead one term.
     */
    boolean sloppyElections;
    private boolean up = true;
    private Role role = Role.FOLLOWER;
    private int leaderHint = -1;
    private int votes;
    private long electionToken;
    private long leadership;
    private final long[] nextIndex;
    private final long[] matchIndex;
    private final long[] lastContact;

    RaftNode(int id, int size, Host host, SplittableRandom electionTimeouts) {
        this.id = id;
        this.size = size;
        this.host = host;
        this.electionTimeouts = electionTimeouts;
        nextIndex = new long[size];
        matchIndex = new long[size];
        lastContact = new long[size];
    }

    boolean isUp() { return up; }

    Role role() { return role; }

    boolean isLeader() { return up && role == Role.LEADER; }

    long term() { return log.term; }

    long commitIndex() { return log.commitIndex; }

    /** The master this one believes leads, or -1. */
    int leaderHint() { return up ? leaderHint : -1; }

    void start(long now) {
        resetElectionTimer(now);
    }

    /** The process dies: everything but the durable {@link #log} is gone. */
    void crash() {
        up = false;
        role = Role.FOLLOWER;
        leaderHint = -1;
        votes = 0;
        electionToken++;
        leadership++;
    }

    void restart(long now) {
        up = true;
        resetElectionTimer(now);
    }

    private void resetElectionTimer(long now) {
        host.electionTimer(id, now + ELECTION_MIN + electionTimeouts.nextLong(ELECTION_MAX - ELECTION_MIN), ++electionToken);
    }

    void electionTimeout(long now, long token) {
        if (!up || token != electionToken || role == Role.LEADER) return;
        if (!sloppyElections) log.term++;
        log.votedFor = id;
        role = Role.CANDIDATE;
        leaderHint = -1;
        votes = 1 << id;
        resetElectionTimer(now);
        for (int p = 0; p < size; p++) if (p != id) host.send(id, p, new RaftMessage.RequestVote(log.term, id, log.lastIndex(), log.lastTerm()));
    }

    void receive(long now, RaftMessage m) {
        if (!up) return;
        if (m.term() > log.term) becomeFollower(now, m.term(), "saw term " + m.term() + " from m" + (m.from() + 1));
        if (m instanceof RaftMessage.RequestVote v) {
            onRequestVote(now, v);
        } else if (m instanceof RaftMessage.Vote v) {
            onVote(now, v);
        } else if (m instanceof RaftMessage.Append a) {
            onAppend(now, a);
        } else if (m instanceof RaftMessage.AppendReply r) {
            onAppendReply(now, r);
        } else {
            throw new IllegalStateException("unexpected message " + m);
        }
    }

    private void becomeFollower(long now, long term, String why) {
        boolean led = role == Role.LEADER;
        long oldTerm = log.term;
        if (term > log.term) {
            log.term = term;
            log.votedFor = -1;
        }
        role = Role.FOLLOWER;
        leadership++;
        if (led) {
            leaderHint = -1;
            host.stoppedLeading(id, oldTerm, why);
        }
        resetElectionTimer(now);
    }

    private void onRequestVote(long now, RaftMessage.RequestVote v) {
        boolean upToDate = v.lastTerm() > log.lastTerm() || (v.lastTerm() == log.lastTerm() && v.lastIndex() >= log.lastIndex());
        boolean free = log.votedFor == -1 || log.votedFor == v.from() || (sloppyElections && role == Role.FOLLOWER);
        boolean grant = v.term() == log.term && free && upToDate;
        if (grant) {
            log.votedFor = v.from();
            resetElectionTimer(now);
        }
        host.send(id, v.from(), new RaftMessage.Vote(log.term, id, grant));
    }

    private void onVote(long now, RaftMessage.Vote v) {
        if (role != Role.CANDIDATE || v.term() != log.term || !v.granted()) return;
        votes |= 1 << v.from();
        if (Integer.bitCount(votes) * 2 > size) becomeLeader(now);
    }

    private void becomeLeader(long now) {
        role = Role.LEADER;
        leaderHint = id;
        leadership++;
        electionToken++; // a leader runs no election timer
        Arrays.fill(nextIndex, log.lastIndex() + 1);
        Arrays.fill(matchIndex, 0);
        Arrays.fill(lastContact, now);
        long noOp = append(now, null);
        host.becameLeader(id, log.term, noOp);
        host.heartbeatTimer(id, now + HEARTBEAT, leadership);
    }

    /** The leader appends an input (null: its no-op), sends it on, and returns its index. */
    long append(long now, org.mesocosm.runtime.master.Input input) {
        if (!isLeader()) throw new IllegalStateException("m" + (id + 1) + " appends but does not lead");
        long index = log.append(RaftLog.Entry.of(log.term, now, input));
        matchIndex[id] = index;
        for (int p = 0; p < size; p++) if (p != id && nextIndex[p] == index) sendAppend(p);
        advanceCommit();
        return index;
    }

    void heartbeat(long now, long leadership) {
        if (!isLeader() || leadership != this.leadership) return;
        int heard = 1;
        for (int p = 0; p < size; p++) if (p != id && now - lastContact[p] < STEP_DOWN) heard++;
        if (heard * 2 <= size) {
            becomeFollower(now, log.term, "heard from no majority for " + STEP_DOWN / 1000 + " ms");
            return;
        }
        for (int p = 0; p < size; p++) if (p != id) sendAppend(p);
        host.heartbeatTimer(id, now + HEARTBEAT, leadership);
    }

    private void sendAppend(int p) {
        long prev = nextIndex[p] - 1;
        List<RaftLog.Entry> entries = log.from(prev + 1, MAX_BATCH);
        host.send(id, p, new RaftMessage.Append(log.term, id, prev, log.termAt(prev), entries, log.commitIndex));
    }

    private void onAppend(long now, RaftMessage.Append a) {
        if (a.term() < log.term) {
            host.send(id, a.from(), new RaftMessage.AppendReply(log.term, id, false, 0));
            return;
        }
        if (role != Role.FOLLOWER) becomeFollower(now, a.term(), "m" + (a.from() + 1) + " leads term " + a.term());
        leaderHint = a.from();
        resetElectionTimer(now);
        if (a.prevIndex() > log.lastIndex() || log.termAt(a.prevIndex()) != a.prevTerm()) {
            host.send(id, a.from(), new RaftMessage.AppendReply(log.term, id, false, Math.min(log.lastIndex(), a.prevIndex() - 1)));
            return;
        }
        long index = a.prevIndex();
        for (RaftLog.Entry e : a.entries()) {
            index++;
            if (index <= log.lastIndex()) {
                if (log.termAt(index) == e.term()) continue;
                if (index <= log.commitIndex) {
                    host.violation("m" + (id + 1) + " told by m" + (a.from() + 1) + " (term " + a.term() + ") to drop its committed entry " + index);
                    return;
                }
                log.truncateFrom(index);
            }
            log.append(e);
        }
        long match = a.prevIndex() + a.entries().size();
        host.send(id, a.from(), new RaftMessage.AppendReply(log.term, id, true, match));
        long commit = Math.min(a.leaderCommit(), match);
        if (commit > log.commitIndex) {
            log.commitIndex = commit;
            host.commitAdvanced(id, commit);
        }
    }

    private void onAppendReply(long now, RaftMessage.AppendReply r) {
        if (role != Role.LEADER || r.term() != log.term) return;
        lastContact[r.from()] = now;
        if (r.success()) {
            if (r.matchIndex() > matchIndex[r.from()]) matchIndex[r.from()] = r.matchIndex();
            nextIndex[r.from()] = Math.max(nextIndex[r.from()], matchIndex[r.from()] + 1);
            advanceCommit();
            if (isLeader() && nextIndex[r.from()] <= log.lastIndex()) sendAppend(r.from());
        } else {
            nextIndex[r.from()] = Math.max(1, Math.min(nextIndex[r.from()] - 1, r.matchIndex() + 1));
            sendAppend(r.from());
        }
    }

    /** Commits the highest entry of this term that a majority holds (an older term's entry only commits beneath one). */
    private void advanceCommit() {
        for (long n = log.lastIndex(); n > log.commitIndex && log.termAt(n) == log.term; n--) {
            int holders = 0;
            for (int p = 0; p < size; p++) if (matchIndex[p] >= n) holders++;
            if (holders * 2 > size) {
                log.commitIndex = n;
                host.commitAdvanced(id, n);
                return;
            }
        }
    }
}
