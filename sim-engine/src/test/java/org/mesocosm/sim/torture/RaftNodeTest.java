package org.mesocosm.sim.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Input;

/** The Raft model's rules one by one, on a single node fed hand-made messages. */
class RaftNodeTest {
    /** Records what a node sends and tells. */
    private static final class Recorder implements RaftNode.Host {
        final List<RaftMessage> sent = new ArrayList<>();
        final List<String> told = new ArrayList<>();
        long commit;
        long electionToken;

        @Override public void send(int from, int to, RaftMessage m) { sent.add(m); }
        @Override public void electionTimer(int node, long at, long token) { electionToken = token; }
        @Override public void heartbeatTimer(int node, long at, long leadership) {}
        @Override public void commitAdvanced(int node, long commitIndex) { commit = commitIndex; }
        @Override public void becameLeader(int node, long term, long noOp) { told.add("leads " + term + " no-op " + noOp); }
        @Override public void stoppedLeading(int node, long term, String why) { told.add("stops " + term); }
        @Override public void violation(String what) { told.add("violation " + what); }

        RaftMessage last() { return sent.get(sent.size() - 1); }
    }

    private static RaftLog.Entry entry(long term, long at) {
        return RaftLog.Entry.of(term, at, new Input.TimerFired(at));
    }

    private static RaftNode node(Recorder r) {
        RaftNode n = new RaftNode(1, 3, r, new SplittableRandom(1));
        n.start(0);
        return n;
    }

    @Test
    void oneVotePerTermAndOnlyForAnUpToDateLog() {
        Recorder r = new Recorder();
        RaftNode n = node(r);
        n.receive(1, new RaftMessage.Append(2, 0, 0, 0, List.of(entry(2, 1)), 0));
        n.receive(2, new RaftMessage.RequestVote(3, 2, 0, 0)); // term 3, but its log is behind ours
        assertEquals(new RaftMessage.Vote(3, 1, false), r.last());
        n.receive(3, new RaftMessage.RequestVote(3, 0, 1, 2));
        assertEquals(new RaftMessage.Vote(3, 1, true), r.last());
        n.receive(4, new RaftMessage.RequestVote(3, 2, 1, 2)); // same term, another candidate
        assertEquals(new RaftMessage.Vote(3, 1, false), r.last());
        n.receive(5, new RaftMessage.RequestVote(3, 0, 1, 2)); // the same candidate asking again
        assertEquals(new RaftMessage.Vote(3, 1, true), r.last());
    }

    @Test
    void aFollowerRefusesAGapAndReplacesAnUncommittedConflictingSuffix() {
        Recorder r = new Recorder();
        RaftNode n = node(r);
        n.receive(1, new RaftMessage.Append(1, 0, 0, 0, List.of(entry(1, 1), entry(1, 2), entry(1, 3)), 1));
        assertEquals(new RaftMessage.AppendReply(1, 1, true, 3), r.last());
        assertEquals(1, r.commit);
        n.receive(2, new RaftMessage.Append(2, 2, 5, 2, List.of(entry(2, 4)), 1)); // a gap: we hold nothing at 5
        assertFalse(((RaftMessage.AppendReply) r.last()).success());
        n.receive(3, new RaftMessage.Append(2, 2, 1, 1, List.of(entry(2, 4)), 2)); // entries 2 and 3 of term 1 go
        assertEquals(new RaftMessage.AppendReply(2, 1, true, 2), r.last());
        assertEquals(2, n.log.lastIndex());
        assertEquals(2, n.log.termAt(2));
        assertEquals(2, r.commit);
        n.receive(4, new RaftMessage.Append(2, 2, 1, 1, List.of(entry(1, 9)), 2)); // would drop committed entry 2: a violation
        assertTrue(r.told.get(r.told.size() - 1).startsWith("violation"), r.told.toString());
    }

    /** Raft's figure 8: a new leader does not count replicas of an older term's entry as a commit; its own entry commits both. */
    @Test
    void aLeaderCommitsOnlyEntriesOfItsOwnTerm() {
        Recorder r = new Recorder();
        RaftNode n = node(r);
        n.receive(1, new RaftMessage.Append(1, 0, 0, 0, List.of(entry(1, 1)), 0)); // entry 1 of term 1, not yet committed
        n.electionTimeout(2, r.electionToken); // no leader heard from since: it stands for term 2
        assertEquals(2, n.term());
        n.receive(3, new RaftMessage.Vote(2, 2, true));
        assertTrue(n.isLeader());
        assertEquals("leads 2 no-op 2", r.told.get(0));
        n.receive(4, new RaftMessage.AppendReply(2, 2, true, 1)); // a majority holds entry 1 (term 1): not enough
        assertEquals(0, n.commitIndex());
        n.receive(5, new RaftMessage.AppendReply(2, 2, true, 2)); // and the no-op of term 2: both commit
        assertEquals(2, n.commitIndex());
        n.receive(6, new RaftMessage.AppendReply(3, 0, false, 0)); // a higher term: it steps down
        assertFalse(n.isLeader());
        assertEquals("stops 2", r.told.get(1));
    }
}
