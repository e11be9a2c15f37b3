package org.mesocosm.sim.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mesocosm.runtime.log.EventLogDigest;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.random.RandomStreams;
import org.mesocosm.sim.EventQueue;

/**
 * A torture run with three masters replicating their input log ({@code torture --ha}), the way the live HA master
 * does with Ratis: a Raft model ({@link RaftNode}) over a faulty network among the masters ({@link PeerNetwork}),
 * each master a real master core kept as a hot standby or acting as the leader ({@link ReplicaMaster}). Agents and
 * clients talk to the master they believe leads; one that does not lead points them at the one it believes does. The
 * same cluster, workload and agent faults as a single-master run of the seed, plus crashes of the leader and of
 * followers and partitions among the masters; invariants ({@link InvariantChecker}, {@link HaInvariants}) are checked
 * after every event. All randomness comes from named streams of the seed.
 *
 * <p>Not modelled: the agents' adversaries of issue 18 (the single-master run covers the identity check), snapshots.
 */
public final class HaTortureRun {
    /** How a run ended; {@code violation} is null when every invariant held. */
    public record Result(long seed, String violation, long violationAtMicros, String digest, long events, FaultCounts faults,
                         long terms, long failovers, long failStops, long committed) {
        public boolean passed() { return violation == null; }
    }

    static final int MASTERS = 3;
    /** A master that stopped acting restarts this long after (its supervisor's delay). */
    static final long FAIL_STOP_RESTART = 1_000_000L;
    /** A client told "not the leader" asks the next one this much later. */
    static final long REDIRECT_RETRY = 200_000L;
    /** How long after the quiet period every replica must have applied what the leader had committed by then. */
    static final long CATCH_UP = 5_000_000L;

    private record PendingAck(long index, long term, int request) {}

    private final TortureSettings settings;
    private final long seed;
    private final RandomStreams streams;
    private final EventQueue<TortureEvent> queue = new EventQueue<>();
    private final EventLogDigest digest = new EventLogDigest();
    private final FaultCounts counts = new FaultCounts();
    private final InvariantChecker checker = new InvariantChecker();
    private final HaInvariants ha;
    private final List<TortureAgent> agents = new ArrayList<>();
    private final TortureScenario scenario;
    private final Network network;
    private final PeerNetwork peers;
    private final RaftNode[] nodes = new RaftNode[MASTERS];
    private final ReplicaMaster[] masters = new ReplicaMaster[MASTERS];
    private final List<List<PendingAck>> pending = new ArrayList<>();
    private final long[] noOpIndex = new long[MASTERS];
    private final long[][] lastHeard;
    /** Per agent: the master it believes leads, and the highest term it heard announced. */
    private final int[] agentLeader;
    private final long[] agentTerm;
    /** Per client request: the master the client asks, and whether it was answered. */
    private final int[] clientLeader;
    private final boolean[] answered;
    /** Test hook: the leader answers clients and sends launches as soon as it appends, before a majority has the entry. */
    boolean ackBeforeMajority;
    private Consumer<String> trace;
    private long now;
    private long events;
    private long promotions;
    private long failStops;

    public HaTortureRun(TortureSettings settings, long seed, Supplier<PlacementPolicy> policies) {
        this.settings = settings.withFaults(FaultKind.applicable(settings.faults(), true));
        this.seed = seed;
        this.streams = new RandomStreams(seed);
        this.scenario = new TortureScenario(streams, settings.minNodes(), settings.maxNodes(), settings.faultWindowMicros());
        this.network = new Network(streams, this.settings.faults(), settings.faultWindowMicros(), counts);
        this.peers = new PeerNetwork(streams, this.settings.faults(), settings.faultWindowMicros(), counts, MASTERS);
        for (TortureScenario.Machine m : scenario.machines) agents.add(new TortureAgent(m.id(), m.total(), m.attributes()));
        this.ha = new HaInvariants(checker, digest, MASTERS);
        this.lastHeard = new long[MASTERS][agents.size()];
        this.agentLeader = new int[agents.size()];
        this.agentTerm = new long[agents.size()];
        this.clientLeader = new int[scenario.requests.size()];
        this.answered = new boolean[scenario.requests.size()];
        SplittableRandom elections = streams.stream("ha-election");
        RaftNode.Host host = new Host();
        ReplicaMaster.Outside outside = new ReplicaMaster.Outside() {
            @Override
            public void armTimer(int replica, int epoch, long atMicros, long timerId) {
                queue.add(Math.max(atMicros, now), new TortureEvent.ReplicaTimer(replica, epoch, timerId));
            }

            @Override
            public void release(int replica, long at, Command c) { sendToAgent(replica, c); }
        };
        for (int r = 0; r < MASTERS; r++) {
            final int id = r;
            nodes[r] = new RaftNode(r, MASTERS, host, elections);
            masters[r] = new ReplicaMaster(r, MasterConfig.DEFAULT, policies, () -> ha.observerFor(id), outside, ha::applied);
            pending.add(new ArrayList<>());
        }
    }

    /** Test hook: every master votes for every candidate of a term, so that two may lead one term. */
    HaTortureRun votesTwice() {
        for (RaftNode n : nodes) n.votesTwice = true;
        return this;
    }

    public HaTortureRun trace(Consumer<String> out) {
        this.trace = out;
        return this;
    }

    public Result run() {
        SplittableRandom phase = streams.stream("report-phase");
        for (int i = 0; i < agents.size(); i++) queue.add(1 + phase.nextLong(TortureRun.REPORT_EVERY), new TortureEvent.Report(i));
        for (int r = 0; r < scenario.requests.size(); r++) queue.add(scenario.requests.get(r).at(), new TortureEvent.Client(r));
        queue.add(TortureRun.DETECTOR_TICK, new TortureEvent.DetectorTick());
        for (int r = 0; r < MASTERS; r++) {
            masters[r].rebuild(nodes[r].log);
            nodes[r].start(0);
        }
        new FaultSchedule(streams, settings, agents.size()).enqueue(queue);
        new HaFaultSchedule(streams, settings).enqueue(queue);
        queue.add(settings.faultWindowMicros(), new TortureEvent.HealAll());
        long end = settings.faultWindowMicros() + settings.quietMicros();
        long hardEnd = end + TortureRun.EXTRA_QUIET_MAX;
        while (true) {
            runUntil(end);
            if (checker.failed() || end >= hardEnd || !finiteWorkRunning()) break;
            end += TortureRun.EXTRA_QUIET_STEP;
        }
        if (!checker.failed()) atQuietEnd(end);
        long terms = 0, committed = 0;
        for (RaftNode n : nodes) {
            terms = Math.max(terms, n.term());
            committed = Math.max(committed, n.commitIndex());
        }
        return new Result(seed, checker.violation(), checker.failed() ? now : -1, digest.finish(), events, counts, terms,
                Math.max(0, promotions - 1), failStops, committed);
    }

    private void atQuietEnd(long end) {
        int leader = actingLeader();
        checker.atQuietEnd(leader < 0 ? null : masters[leader].master(), agents);
        if (checker.failed() || leader < 0) return;
        long commit = nodes[leader].commitIndex();
        runUntil(end + CATCH_UP);
        for (int r = 0; r < MASTERS; r++) {
            if (!masters[r].isUp() || masters[r].applied() < commit) {
                checker.fail("m" + (r + 1) + " applied " + masters[r].applied() + " entries " + CATCH_UP / 1_000_000 + " s after the quiet period; m"
                        + (leader + 1) + " had committed " + commit);
                return;
            }
        }
    }

    /** The acting master of the highest term, or -1. */
    private int actingLeader() {
        int best = -1;
        for (int r = 0; r < MASTERS; r++) {
            if (leads(r) && (best < 0 || nodes[r].term() > nodes[best].term())) best = r;
        }
        return best;
    }

    private boolean leads(int r) { return nodes[r].isLeader() && masters[r].acting(); }

    private boolean finiteWorkRunning() {
        int leader = actingLeader();
        if (leader < 0) return false;
        for (Task t : masters[leader].master().liveTasks()) if (t.kind() != JobKind.SERVICE && t.state().isActive()) return true;
        return false;
    }

    private void runUntil(long end) {
        while (!queue.isEmpty() && queue.peekTime() <= end) {
            now = queue.peekTime();
            TortureEvent e = queue.poll();
            events++;
            if (trace != null) trace.accept(now + " " + e);
            try {
                dispatch(e);
            } catch (RuntimeException ex) {
                checker.fail("a master threw " + ex + " handling " + e);
            }
            afterEvent();
            if (checker.failed()) return;
        }
    }

    private void afterEvent() {
        int leader = actingLeader();
        if (leader >= 0) checker.ackedJobsAccountedFor(masters[leader].master());
        for (int r = 0; r < MASTERS; r++) if (masters[r].isUp()) ha.checkReplica(r, masters[r].master(), masters[r].applied());
    }

    private void dispatch(TortureEvent e) {
        if (e instanceof TortureEvent.Peer p) {
            if (!peers.cut(p.message().from(), p.to())) nodes[p.to()].receive(now, p.message());
        } else if (e instanceof TortureEvent.Election el) {
            nodes[el.replica()].electionTimeout(now, el.token());
        } else if (e instanceof TortureEvent.Heartbeat h) {
            nodes[h.replica()].heartbeat(now, h.leadership());
        } else if (e instanceof TortureEvent.ToReplica m) {
            fromAgent(m);
        } else if (e instanceof TortureEvent.ReplicaTimer t) {
            if (leads(t.replica()) && masters[t.replica()].epoch() == t.epoch()) propose(t.replica(), new Input.TimerFired(t.timerId()));
        } else if (e instanceof TortureEvent.Client c) {
            client(c.request());
        } else if (e instanceof TortureEvent.Announce a) {
            TortureAgent agent = agents.get(a.agent());
            if (agent.reachable() && a.term() >= agentTerm[a.agent()]) {
                agentTerm[a.agent()] = a.term();
                agentLeader[a.agent()] = a.replica();
                send(a.agent(), agent.report());
            }
        } else if (e instanceof TortureEvent.DetectorTick) {
            for (int r = 0; r < MASTERS; r++) if (leads(r)) detect(r);
            queue.add(now + TortureRun.DETECTOR_TICK, e);
        } else if (e instanceof TortureEvent.ReplicaCrash c) {
            crash(c);
        } else if (e instanceof TortureEvent.ReplicaRestart r) {
            restart(r.replica());
        } else if (e instanceof TortureEvent.FailStop f) {
            if (nodes[f.replica()].isUp()) {
                nodes[f.replica()].crash();
                queue.add(now + FAIL_STOP_RESTART, new TortureEvent.ReplicaRestart(f.replica()));
            }
        } else if (e instanceof TortureEvent.MasterPartition p) {
            partition(p);
        } else if (e instanceof TortureEvent.PeerHeal h) {
            peers.cut(h.a(), h.b(), false);
        } else if (e instanceof TortureEvent.HealAll) {
            peers.healAll();
            for (int r = 0; r < MASTERS; r++) restart(r);
            for (int i = 0; i < agents.size(); i++) {
                TortureAgent a = agents.get(i);
                if (a.partitioned || !a.up) {
                    a.partitioned = false;
                    a.up = true;
                    send(i, a.report());
                }
            }
        } else {
            agentEvent(e);
        }
    }

    /** The events that concern agents alone, as in a single-master run. */
    private void agentEvent(TortureEvent e) {
        if (e instanceof TortureEvent.ToAgent t) {
            agentReceives(t.agent(), t.command());
        } else if (e instanceof TortureEvent.TaskEnds t) {
            TortureAgent a = agents.get(t.agent());
            if (a.incarnation == t.incarnation() && a.stop(t.taskId())) {
                send(t.agent(), new Input.TaskStatus(t.taskId(), t.failed() ? TaskState.FAILED : TaskState.FINISHED, t.failed() ? 1 : 0, ""));
            }
        } else if (e instanceof TortureEvent.Report r) {
            if (agents.get(r.agent()).up) send(r.agent(), agents.get(r.agent()).report());
            queue.add(now + TortureRun.REPORT_EVERY, e);
        } else if (e instanceof TortureEvent.Partition p) {
            TortureAgent a = agents.get(p.agent());
            if (p.start() && !a.partitioned) counts.add(FaultKind.PARTITION);
            a.partitioned = p.start();
            if (!p.start()) send(p.agent(), a.report());
        } else if (e instanceof TortureEvent.AgentRestart r) {
            TortureAgent a = agents.get(r.agent());
            if (r.down()) {
                if (a.up) counts.add(FaultKind.AGENT_RESTART);
                a.crash();
            } else if (!a.up) {
                a.up = true;
                send(r.agent(), a.report());
            }
        } else {
            throw new IllegalStateException("unexpected event " + e);
        }
    }

    private void crash(TortureEvent.ReplicaCrash c) {
        int target = -1;
        if (c.leader()) {
            for (int r = 0; r < MASTERS; r++) if (nodes[r].isLeader() && (target < 0 || nodes[r].term() > nodes[target].term())) target = r;
        } else {
            List<Integer> followers = new ArrayList<>();
            for (int r = 0; r < MASTERS; r++) if (nodes[r].isUp() && !nodes[r].isLeader()) followers.add(r);
            if (!followers.isEmpty()) target = followers.get(c.pick() % followers.size());
        }
        if (target < 0) return; // nobody in that role right now
        counts.add(c.leader() ? FaultKind.LEADER_CRASH : FaultKind.FOLLOWER_CRASH);
        nodes[target].crash();
        masters[target].down();
        pending.get(target).clear();
        queue.add(now + c.downFor(), new TortureEvent.ReplicaRestart(target));
    }

    private void restart(int r) {
        if (nodes[r].isUp()) return;
        masters[r].rebuild(nodes[r].log);
        nodes[r].restart(now);
    }

    private void partition(TortureEvent.MasterPartition p) {
        int leader = -1;
        for (int r = 0; r < MASTERS; r++) if (nodes[r].isLeader() && (leader < 0 || nodes[r].term() > nodes[leader].term())) leader = r;
        int a = p.shape() == HaFaultSchedule.ISOLATE_LEADER && leader >= 0 ? leader : p.pick();
        List<int[]> links = new ArrayList<>();
        if (p.shape() == HaFaultSchedule.CUT_ONE_LINK) {
            links.add(new int[] {a, (a + 1 + p.pick2()) % MASTERS});
        } else {
            for (int b = 0; b < MASTERS; b++) if (b != a) links.add(new int[] {a, b});
        }
        counts.add(FaultKind.MASTER_PARTITION);
        for (int[] l : links) {
            peers.cut(l[0], l[1], true);
            queue.add(now + p.length(), new TortureEvent.PeerHeal(l[0], l[1]));
        }
    }

    /** The Raft node's view of the world: the peer network, its timers, and what it tells of commits and leadership. */
    private final class Host implements RaftNode.Host {
        @Override
        public void send(int from, int to, RaftMessage m) {
            long d = peers.delivery(now);
            if (d >= 0) queue.add(now + d, new TortureEvent.Peer(to, m));
        }

        @Override
        public void electionTimer(int node, long at, long token) { queue.add(at, new TortureEvent.Election(node, token)); }

        @Override
        public void heartbeatTimer(int node, long at, long leadership) { queue.add(at, new TortureEvent.Heartbeat(node, leadership)); }

        @Override
        public void commitAdvanced(int node, long commitIndex) { committed(node, commitIndex); }

        @Override
        public void becameLeader(int node, long term, long noOp) {
            noOpIndex[node] = noOp;
            if (trace != null) trace.accept(now + "   m" + (node + 1) + " leads term " + term);
        }

        @Override
        public void stoppedLeading(int node, long term, String why) {
            if (trace != null) trace.accept(now + "   m" + (node + 1) + " stops leading term " + term + ": " + why);
            pending.get(node).clear();
            if (masters[node].acting()) { // fail-stop: its master handled inputs the log may never hold
                failStops++;
                masters[node].down();
                queue.add(now, new TortureEvent.FailStop(node, masters[node].epoch()));
            }
        }

        @Override
        public void violation(String what) { checker.fail(what); }
    }

    /** The commit index of master {@code r} moved: apply, promote a new leader, carry out and answer what is now durable. */
    private void committed(int r, long commit) {
        ReplicaMaster m = masters[r];
        m.applyCommitted(nodes[r].log, commit);
        if (!m.isUp()) return;
        if (nodes[r].isLeader() && !m.acting() && m.applied() >= noOpIndex[r] && noOpIndex[r] > 0) promote(r);
        if (m.acting() && !ackBeforeMajority) {
            m.releaseUpTo(commit);
            answer(r, commit);
        }
    }

    private void promote(int r) {
        masters[r].promote(now);
        promotions++;
        long term = nodes[r].term();
        if (trace != null) trace.accept(now + "   m" + (r + 1) + " acts for term " + term);
        java.util.Arrays.fill(lastHeard[r], now);
        // agents learn of the new leader and re-register with what they run, as after a single master's restart
        for (int i = 0; i < agents.size(); i++) {
            if (!agents.get(i).reachable()) continue;
            for (long d : network.deliveries(now)) queue.add(now + d, new TortureEvent.Announce(i, r, term));
        }
    }

    /** The acting master {@code r} appends an input and handles it; what it makes the master do waits for the commit. */
    private long propose(int r, Input in) {
        long index = nodes[r].append(now, in);
        masters[r].handleAsLeader(index, nodes[r].log.get(index));
        if (ackBeforeMajority) {
            masters[r].releaseUpTo(index);
            answer(r, index);
        }
        return index;
    }

    /** Answers the clients whose requests are in entries up to {@code index} of master {@code r}. */
    private void answer(int r, long index) {
        List<PendingAck> list = pending.get(r);
        for (int k = 0; k < list.size(); k++) {
            PendingAck p = list.get(k);
            if (p.index() > index) continue;
            list.remove(k--);
            if (answered[p.request()]) continue;
            answered[p.request()] = true;
            ha.acted(p.term(), r, "answered client request " + p.request());
            Input in = scenario.requests.get(p.request()).input();
            if (in instanceof Input.JobSubmitted j) {
                checker.submitted(j.job());
                ha.submissionAcked(j.job().id(), p.index());
            }
        }
    }

    private void client(int r) {
        if (answered[r]) return;
        Input in = scenario.requests.get(r).input();
        String job = in instanceof Input.JobSubmitted j ? j.job().id() : in instanceof Input.JobKillRequested k ? k.jobId() : ((Input.JobScaled) in).jobId();
        boolean submit = in instanceof Input.JobSubmitted;
        int target = clientLeader[r];
        if (!submit && !ha.acked(job)) { // a kill or a scale waits for its job's submission to be answered
            queue.add(now + TortureRun.CLIENT_RETRY, new TortureEvent.Client(r));
            return;
        }
        if (!leads(target)) {
            int hint = nodes[target].leaderHint();
            clientLeader[r] = hint >= 0 && hint != target ? hint : (target + 1) % MASTERS;
            queue.add(now + REDIRECT_RETRY, new TortureEvent.Client(r));
            return;
        }
        Master m = masters[target].master();
        long index;
        if (submit && m.hasJob(job)) {
            index = nodes[target].log.lastIndex(); // an earlier attempt got in: answer once all this leader holds is committed
        } else {
            index = propose(target, in);
            if (in instanceof Input.JobKillRequested) checker.killed(job);
            if (in instanceof Input.JobScaled s) checker.scaled(job, s.instances());
        }
        if (!answered[r]) pending.get(target).add(new PendingAck(index, nodes[target].term(), r));
        if (ackBeforeMajority) answer(target, index);
        queue.add(now + TortureRun.CLIENT_RETRY, new TortureEvent.Client(r)); // asks again if no answer came by then
    }

    /** An agent's message reaches a master: the leader handles it, any other points the agent at the leader it knows. */
    private void fromAgent(TortureEvent.ToReplica m) {
        if (agents.get(m.agent()).partitioned) return;
        int r = m.replica();
        if (leads(r)) {
            propose(r, m.input());
            lastHeard[r][m.agent()] = now;
        } else if (agentLeader[m.agent()] == r) {
            int hint = nodes[r].leaderHint();
            agentLeader[m.agent()] = hint >= 0 && hint != r ? hint : (r + 1) % MASTERS;
        }
    }

    private void detect(int r) {
        Master m = masters[r].master();
        for (int i = 0; i < agents.size(); i++) {
            var a = m.cluster().agent(agents.get(i).id);
            if (a != null && a.isUp() && now - lastHeard[r][i] > TortureRun.DETECT_AFTER) {
                propose(r, new Input.AgentRemoved(a.id(), "no report for " + (now - lastHeard[r][i]) / 1000 + " ms"));
                if (!leads(r)) return;
            }
        }
    }

    private void sendToAgent(int replica, Command c) {
        if (trace != null) trace.accept(now + "   m" + (replica + 1) + " -> " + c);
        ha.acted(nodes[replica].term(), replica, c);
        digest.command(now, c);
        String agentId = c instanceof Command.Launch l ? l.agentId() : ((Command.Kill) c).agentId();
        int i = indexOf(agentId);
        for (long d : network.deliveries(now)) queue.add(now + d, new TortureEvent.ToAgent(i, c));
    }

    private void agentReceives(int i, Command c) {
        TortureAgent a = agents.get(i);
        if (!a.reachable()) return;
        if (c instanceof Command.Launch l) {
            if (!a.firstSight(l.taskId())) return;
            checker.launchArrives(a, l, agents);
            ha.launchArrives(a, l, agents);
            a.start(l);
            send(i, new Input.TaskStatus(l.taskId(), TaskState.RUNNING, 0, ""));
            SimProfile sim = l.sim();
            long duration = sim.durationMicros(l.instance());
            if (duration < 0) return;
            SplittableRandom r = new SplittableRandom(streams.seedFor("task-outcome:" + l.taskId()));
            boolean failed = sim.failureProbability() > 0 && r.nextDouble() < sim.failureProbability();
            long runFor = failed ? (long) (duration * r.nextDouble()) : duration;
            queue.add(now + runFor, new TortureEvent.TaskEnds(i, a.incarnation, l.taskId(), failed));
        } else if (c instanceof Command.Kill k) {
            if (a.stop(k.taskId())) send(i, new Input.TaskStatus(k.taskId(), TaskState.KILLED, -1, "killed"));
        }
    }

    /** An agent's message to the master it believes leads, through the network. */
    private void send(int from, Input in) {
        if (!agents.get(from).reachable()) return;
        for (long d : network.deliveries(now)) queue.add(now + d, new TortureEvent.ToReplica(agentLeader[from], from, in));
    }

    private int indexOf(String agentId) {
        for (int i = 0; i < agents.size(); i++) if (agents.get(i).id.equals(agentId)) return i;
        throw new IllegalStateException("command for unknown agent " + agentId);
    }
}
