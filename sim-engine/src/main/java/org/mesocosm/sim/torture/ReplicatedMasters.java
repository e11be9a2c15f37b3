package org.mesocosm.sim.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.sim.EventQueue;

/**
 * The three masters of a replicated torture run: each a Raft node ({@link RaftNode}) and a master core
 * ({@link ReplicaMaster}), joined the way the live HA master joins Ratis and its driver. A new leader acts once it
 * has applied its own first entry of the term; the acting leader appends each input it is given and handles it at
 * once, but its launches, kills and answers to clients wait until the entry is committed; a leader that stops leading
 * after acting stops its process (fail-stop) and restarts as a standby. Crashes, restarts and partitions among the
 * masters are carried out here.
 */
final class ReplicatedMasters {
    static final int SIZE = 3;
    /** A master that stopped acting restarts this long after (its supervisor's delay). */
    static final long FAIL_STOP_RESTART = 1_000_000L;

    /** What the masters need from the run around them. */
    interface World {
        long now();

        void schedule(long at, TortureEvent e);

        /** Master {@code replica} now acts for {@code term}: the agents should hear of it. */
        void promoted(int replica, long term);

        /** A launch or kill the acting master {@code replica} sends to its agent. */
        void release(int replica, Command c);

        /** Master {@code replica} answers client request {@code request}, whose input is at log index {@code index}. */
        void answered(int replica, long term, int request, long index);

        void trace(String line);

        void violation(String what);
    }

    private record PendingAnswer(long index, long term, int request) {}

    private final World world;
    private final PeerNetwork peers;
    private final FaultCounts counts;
    private final RaftNode[] nodes = new RaftNode[SIZE];
    private final ReplicaMaster[] masters = new ReplicaMaster[SIZE];
    private final List<List<PendingAnswer>> pending = new ArrayList<>();
    private final long[] noOpIndex = new long[SIZE];
    /** Test hook: the leader answers clients and sends launches as soon as it appends, before a majority has the entry. */
    boolean ackBeforeMajority;
    private long promotions;
    private long failStops;

    ReplicatedMasters(World world, PeerNetwork peers, FaultCounts counts, SplittableRandom electionTimeouts, Supplier<PlacementPolicy> policies,
                      HaInvariants ha) {
        this.world = world;
        this.peers = peers;
        this.counts = counts;
        RaftNode.Host host = new Host();
        ReplicaMaster.Outside outside = new ReplicaMaster.Outside() {
            @Override
            public void armTimer(int replica, int epoch, long atMicros, long timerId) {
                world.schedule(Math.max(atMicros, world.now()), new TortureEvent.ReplicaTimer(replica, epoch, timerId));
            }

            @Override
            public void release(int replica, long at, Command c) { world.release(replica, c); }
        };
        for (int r = 0; r < SIZE; r++) {
            final int id = r;
            nodes[r] = new RaftNode(r, SIZE, host, electionTimeouts);
            masters[r] = new ReplicaMaster(r, MasterConfig.DEFAULT, policies, () -> ha.observerFor(id), outside, ha::applied);
            pending.add(new ArrayList<>());
        }
    }

    void start() {
        for (int r = 0; r < SIZE; r++) {
            masters[r].rebuild(nodes[r].log);
            nodes[r].start(world.now());
        }
    }

    void sloppyElections() {
        for (RaftNode n : nodes) n.sloppyElections = true;
    }

    RaftNode node(int r) { return nodes[r]; }

    ReplicaMaster master(int r) { return masters[r]; }

    /** Times a master other than the first one started acting. */
    long failovers() { return Math.max(0, promotions - 1); }

    long failStops() { return failStops; }

    /** Whether master {@code r} leads and acts. */
    boolean leads(int r) { return nodes[r].isLeader() && masters[r].acting(); }

    /** The acting master of the highest term, or -1. */
    int actingLeader() {
        int best = -1;
        for (int r = 0; r < SIZE; r++) if (leads(r) && (best < 0 || nodes[r].term() > nodes[best].term())) best = r;
        return best;
    }

    /** The master whose Raft node leads the highest term (acting or not yet), or -1. */
    int leader() {
        int best = -1;
        for (int r = 0; r < SIZE; r++) if (nodes[r].isLeader() && (best < 0 || nodes[r].term() > nodes[best].term())) best = r;
        return best;
    }

    /** Where master {@code r} sends someone who asked it to act: the leader it knows, else the next master. */
    int redirect(int r) {
        int hint = nodes[r].leaderHint();
        return hint >= 0 && hint != r ? hint : (r + 1) % SIZE;
    }

    /** The acting master {@code r} appends an input and handles it; what the input makes it do waits for the commit. */
    long propose(int r, Input in) {
        long index = nodes[r].append(world.now(), in);
        masters[r].handleAsLeader(index, nodes[r].log.get(index));
        if (ackBeforeMajority) {
            masters[r].releaseUpTo(index);
            answer(r, index);
        }
        return index;
    }

    /**
     * Client request {@code request} reached the acting master {@code r}: its input is appended (unless {@code input}
     * is null: the request is already in this leader's log), and the client is answered once that is committed.
     */
    void request(int r, int request, Input input) {
        long index = input == null ? nodes[r].log.lastIndex() : propose(r, input);
        pending.get(r).add(new PendingAnswer(index, nodes[r].term(), request));
        if (ackBeforeMajority) answer(r, index);
        else if (index <= nodes[r].commitIndex()) answer(r, nodes[r].commitIndex());
    }

    private void answer(int r, long index) {
        List<PendingAnswer> list = pending.get(r);
        for (int k = 0; k < list.size(); k++) {
            PendingAnswer p = list.get(k);
            if (p.index() > index) continue;
            list.remove(k--);
            world.answered(r, p.term(), p.request(), p.index());
        }
    }

    void dispatch(TortureEvent e) {
        long now = world.now();
        if (e instanceof TortureEvent.Peer p) {
            if (!peers.cut(p.message().from(), p.to())) nodes[p.to()].receive(now, p.message());
        } else if (e instanceof TortureEvent.Election el) {
            nodes[el.replica()].electionTimeout(now, el.token());
        } else if (e instanceof TortureEvent.Heartbeat h) {
            nodes[h.replica()].heartbeat(now, h.leadership());
        } else if (e instanceof TortureEvent.ReplicaTimer t) {
            if (leads(t.replica()) && masters[t.replica()].epoch() == t.epoch()) propose(t.replica(), new Input.TimerFired(t.timerId()));
        } else if (e instanceof TortureEvent.ReplicaCrash c) {
            crash(c);
        } else if (e instanceof TortureEvent.ReplicaRestart r) {
            restart(r.replica());
        } else if (e instanceof TortureEvent.FailStop f) {
            if (nodes[f.replica()].isUp()) {
                nodes[f.replica()].crash();
                world.schedule(now + FAIL_STOP_RESTART, new TortureEvent.ReplicaRestart(f.replica()));
            }
        } else if (e instanceof TortureEvent.MasterPartition p) {
            partition(p);
        } else if (e instanceof TortureEvent.PeerHeal h) {
            peers.cut(h.a(), h.b(), false);
        } else {
            throw new IllegalStateException("unexpected event " + e);
        }
    }

    /** The fault window is over: links heal, every master is started again. */
    void healAll() {
        peers.healAll();
        for (int r = 0; r < SIZE; r++) restart(r);
    }

    private void crash(TortureEvent.ReplicaCrash c) {
        int target = -1;
        if (c.leader()) {
            target = leader();
        } else {
            List<Integer> followers = new ArrayList<>();
            for (int r = 0; r < SIZE; r++) if (nodes[r].isUp() && !nodes[r].isLeader()) followers.add(r);
            if (!followers.isEmpty()) target = followers.get(c.pick() % followers.size());
        }
        if (target < 0) return; // nobody in that role right now
        counts.add(c.leader() ? FaultKind.LEADER_CRASH : FaultKind.FOLLOWER_CRASH);
        world.trace(world.now() + "   m" + (target + 1) + " crashes");
        nodes[target].crash();
        masters[target].down();
        pending.get(target).clear();
        world.schedule(world.now() + c.downFor(), new TortureEvent.ReplicaRestart(target));
    }

    private void restart(int r) {
        if (nodes[r].isUp()) return;
        masters[r].rebuild(nodes[r].log);
        nodes[r].restart(world.now());
    }

    private void partition(TortureEvent.MasterPartition p) {
        int leader = leader();
        int a = p.shape() == HaFaultSchedule.ISOLATE_LEADER && leader >= 0 ? leader : p.pick();
        List<int[]> links = new ArrayList<>();
        if (p.shape() == HaFaultSchedule.CUT_ONE_LINK) {
            links.add(new int[] {a, (a + 1 + p.pick2()) % SIZE});
        } else {
            for (int b = 0; b < SIZE; b++) if (b != a) links.add(new int[] {a, b});
        }
        counts.add(FaultKind.MASTER_PARTITION);
        for (int[] l : links) {
            peers.cut(l[0], l[1], true);
            world.schedule(world.now() + p.length(), new TortureEvent.PeerHeal(l[0], l[1]));
        }
    }

    /** The commit index of master {@code r} moved: apply, promote a new leader, carry out and answer what is now durable. */
    private void committed(int r, long commit) {
        ReplicaMaster m = masters[r];
        m.applyCommitted(nodes[r].log, commit);
        if (!m.isUp()) return;
        if (nodes[r].isLeader() && !m.acting() && noOpIndex[r] > 0 && m.applied() >= noOpIndex[r]) {
            m.promote(world.now());
            promotions++;
            world.trace(world.now() + "   m" + (r + 1) + " acts for term " + nodes[r].term());
            world.promoted(r, nodes[r].term());
        }
        if (m.acting() && !ackBeforeMajority) {
            m.releaseUpTo(commit);
            answer(r, commit);
        }
    }

    /** The Raft nodes' view of the world: the peer network, their timers, and what they tell of commits and leadership. */
    private final class Host implements RaftNode.Host {
        @Override
        public void send(int from, int to, RaftMessage m) {
            long d = peers.delivery(world.now());
            if (d >= 0) world.schedule(world.now() + d, new TortureEvent.Peer(to, m));
        }

        @Override
        public void electionTimer(int node, long at, long token) { world.schedule(at, new TortureEvent.Election(node, token)); }

        @Override
        public void heartbeatTimer(int node, long at, long leadership) { world.schedule(at, new TortureEvent.Heartbeat(node, leadership)); }

        @Override
        public void commitAdvanced(int node, long commitIndex) { committed(node, commitIndex); }

        @Override
        public void becameLeader(int node, long term, long noOp) {
            noOpIndex[node] = noOp;
            world.trace(world.now() + "   m" + (node + 1) + " leads term " + term);
        }

        @Override
        public void stoppedLeading(int node, long term, String why) {
            world.trace(world.now() + "   m" + (node + 1) + " stops leading term " + term + ": " + why);
            pending.get(node).clear();
            if (masters[node].acting()) { // fail-stop: its master handled inputs the log may never hold
                failStops++;
                masters[node].down();
                world.schedule(world.now(), new TortureEvent.FailStop(node, masters[node].epoch()));
            }
        }

        @Override
        public void violation(String what) { world.violation(what); }
    }
}
