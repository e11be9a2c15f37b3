package org.mesocosm.sim.torture;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mesocosm.runtime.log.EventLogDigest;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.random.RandomStreams;

/**
 * A torture run with three masters replicating their input log ({@code torture --ha}), the way the live HA master
 * does with Ratis ({@link ReplicatedMasters}), over a faulty network among the masters ({@link PeerNetwork}). Agents
 * and clients talk to the master they believe leads; one that does not lead points them at the one it believes does,
 * and a new leader announces itself to the agents, which re-register. The same cluster, workload and agent faults as
 * a single-master run of the seed, plus crashes of the leader and of followers and partitions among the masters;
 * invariants ({@link InvariantChecker}, {@link HaInvariants}) are checked after every event. All randomness comes from
 * named streams of the seed: same seed, same run, same digest.
 *
 * <p>Not modelled here: the adversarial agents of issue 18 (the single-master run covers the identity check).
 */
public final class HaTortureRun {
    /** How a run ended; {@code violation} is null when every invariant held. */
    public record Result(long seed, String violation, long violationAtMicros, String digest, long events, FaultCounts faults,
                         long terms, long failovers, long failStops, long committed) {
        public boolean passed() { return violation == null; }
    }

    /** A client told "not the leader" asks the master it was pointed at this much later. */
    static final long REDIRECT_RETRY = 200_000L;
    /** How long after the quiet period every master must have applied what the leader had committed by then. */
    static final long CATCH_UP = 5_000_000L;

    private final TortureSettings settings;
    private final long seed;
    private final RandomStreams streams;
    private final EventLogDigest digest = new EventLogDigest();
    private final FaultCounts counts = new FaultCounts();
    private final InvariantChecker checker = new InvariantChecker();
    private final TortureLoop loop = new TortureLoop(checker, "a master");
    private final HaInvariants ha;
    private final TortureAgents agents;
    private final TortureScenario scenario;
    private final Network network;
    /** The three masters; package-private so that tests can plant bugs in them. */
    final ReplicatedMasters masters;
    private final long[][] lastHeard;
    /** Per agent: the master it believes leads, and the highest term it heard announced. */
    private final int[] agentLeader;
    private final long[] agentTerm;
    /** Per client request: the master the client asks, and whether it was answered. */
    private final int[] clientLeader;
    private final boolean[] answered;
    private final long[] checkedChanges = new long[ReplicatedMasters.SIZE];
    private long checkedAcks = -1;

    public HaTortureRun(TortureSettings settings, long seed, Supplier<PlacementPolicy> policies) {
        this.settings = settings.withFaults(FaultKind.applicable(settings.faults(), true));
        this.seed = seed;
        this.streams = new RandomStreams(seed);
        this.scenario = new TortureScenario(streams, settings.minNodes(), settings.maxNodes(), settings.faultWindowMicros());
        this.network = new Network(streams, this.settings.faults(), settings.faultWindowMicros(), counts);
        PeerNetwork peers = new PeerNetwork(streams, this.settings.faults(), settings.faultWindowMicros(), counts, ReplicatedMasters.SIZE);
        this.ha = new HaInvariants(checker, digest, ReplicatedMasters.SIZE);
        this.agents = new TortureAgents(scenario, loop, streams, network, counts, this::launchArrives, this::toLeader);
        this.lastHeard = new long[ReplicatedMasters.SIZE][agents.size()];
        this.agentLeader = new int[agents.size()];
        this.agentTerm = new long[agents.size()];
        this.clientLeader = new int[scenario.requests.size()];
        this.answered = new boolean[scenario.requests.size()];
        this.masters = new ReplicatedMasters(new World(), peers, counts, streams.stream("ha-election"), policies, ha);
    }

    public HaTortureRun trace(Consumer<String> out) {
        loop.traceTo(out);
        return this;
    }

    public Result run() {
        agents.enqueueReports(i -> { });
        for (int r = 0; r < scenario.requests.size(); r++) loop.add(scenario.requests.get(r).at(), new TortureEvent.Client(r));
        loop.add(TortureRun.DETECTOR_TICK, new TortureEvent.DetectorTick());
        masters.start();
        new FaultSchedule(streams, settings, agents.size()).enqueue(loop.queue);
        new HaFaultSchedule(streams, settings).enqueue(loop.queue);
        loop.add(settings.faultWindowMicros(), new TortureEvent.HealAll());
        long end = loop.runThroughQuiet(settings, handler);
        if (!checker.failed()) atQuietEnd(end);
        long terms = 0, committed = 0;
        for (int r = 0; r < ReplicatedMasters.SIZE; r++) {
            terms = Math.max(terms, masters.node(r).term());
            committed = Math.max(committed, masters.node(r).commitIndex());
        }
        return new Result(seed, checker.violation(), checker.failed() ? loop.now() : -1, digest.finish(), loop.events(), counts, terms,
                masters.failovers(), masters.failStops(), committed);
    }

    /** Everything a single master owes once faults stop, and every master caught up with the leader. */
    private void atQuietEnd(long end) {
        int leader = masters.actingLeader();
        checker.atQuietEnd(leader < 0 ? null : masters.master(leader).master(), agents.list);
        if (checker.failed() || leader < 0) return;
        long commit = masters.node(leader).commitIndex();
        loop.runUntil(end + CATCH_UP, handler);
        for (int r = 0; r < ReplicatedMasters.SIZE; r++) {
            if (!checker.failed() && masters.master(r).applied() < commit) {
                checker.fail("m" + (r + 1) + " applied " + masters.master(r).applied() + " entries " + CATCH_UP / 1_000_000
                        + " s after the quiet period; m" + (leader + 1) + " had committed " + commit);
            }
        }
    }

    /** What this run does with the events of its loop. */
    private final TortureLoop.Handler handler = new TortureLoop.Handler() {
        @Override
        public void dispatch(TortureEvent e) { HaTortureRun.this.dispatch(e); }

        @Override
        public void afterEvent() { HaTortureRun.this.afterEvent(); }

        @Override
        public boolean finiteWorkRunning() {
            int leader = masters.actingLeader();
            return leader >= 0 && TortureRun.finiteWorkRunning(masters.master(leader).master());
        }
    };

    /** The invariants, on every master whose state changed (or when a new acknowledgement is to be checked on all). */
    private void afterEvent() {
        boolean newAcks = ha.ackCount() != checkedAcks;
        checkedAcks = ha.ackCount();
        int leader = masters.actingLeader();
        for (int r = 0; r < ReplicatedMasters.SIZE; r++) {
            ReplicaMaster m = masters.master(r);
            if (!m.isUp() || (!newAcks && m.changes() == checkedChanges[r])) continue;
            checkedChanges[r] = m.changes();
            if (r == leader) checker.ackedJobsAccountedFor(m.master());
            ha.checkReplica(r, m.master(), m.applied());
        }
    }

    private void dispatch(TortureEvent e) {
        if (agents.handle(e)) return;
        if (e instanceof TortureEvent.ToReplica m) {
            fromAgent(m);
        } else if (e instanceof TortureEvent.Client c) {
            client(c.request());
        } else if (e instanceof TortureEvent.Announce a) {
            TortureAgent agent = agents.get(a.agent());
            if (agent.reachable() && a.term() >= agentTerm[a.agent()]) {
                agentTerm[a.agent()] = a.term();
                agentLeader[a.agent()] = a.replica();
                agents.send(a.agent(), agent.report());
            }
        } else if (e instanceof TortureEvent.DetectorTick) {
            for (int r = 0; r < ReplicatedMasters.SIZE; r++) if (masters.leads(r)) detect(r);
            loop.add(loop.now() + TortureRun.DETECTOR_TICK, e);
        } else if (e instanceof TortureEvent.HealAll) {
            masters.healAll();
            agents.healAll();
        } else {
            masters.dispatch(e);
        }
    }

    /** What the masters see of this run. */
    private final class World implements ReplicatedMasters.World {
        @Override
        public long now() { return loop.now(); }

        @Override
        public void schedule(long at, TortureEvent e) { loop.add(at, e); }

        @Override
        public void promoted(int replica, long term) {
            long now = loop.now();
            java.util.Arrays.fill(lastHeard[replica], now);
            // agents hear of the new leader and re-register with what they run, as after a single master's restart
            for (int i = 0; i < agents.size(); i++) {
                if (!agents.get(i).reachable()) continue;
                for (long d : network.deliveries(now)) loop.add(now + d, new TortureEvent.Announce(i, replica, term));
            }
        }

        @Override
        public void release(int replica, Command c) {
            long now = loop.now();
            if (loop.tracing()) loop.trace(now + "   m" + (replica + 1) + " -> " + c);
            ha.acted(masters.node(replica).term(), replica, c);
            digest.command(now, c);
            agents.command(now, c);
        }

        @Override
        public void answered(int replica, long term, int request, long index) {
            if (answered[request]) return;
            answered[request] = true;
            ha.acted(term, replica, "answered client request " + request);
            if (scenario.requests.get(request).input() instanceof Input.JobSubmitted j) {
                checker.submitted(j.job());
                ha.submissionAcked(j.job().id(), index);
            }
        }

        @Override
        public void trace(String line) { loop.trace(line); }

        @Override
        public void violation(String what) { checker.fail(what); }
    }

    /** A client asks the master it believes leads; until answered it asks again, where it was pointed or after a while. */
    private void client(int r) {
        if (answered[r]) return;
        long now = loop.now();
        Input in = scenario.requests.get(r).input();
        String job = in instanceof Input.JobSubmitted j ? j.job().id() : in instanceof Input.JobKillRequested k ? k.jobId() : ((Input.JobScaled) in).jobId();
        boolean submit = in instanceof Input.JobSubmitted;
        int target = clientLeader[r];
        if (!submit && !ha.acked(job)) { // a kill or a scale waits for its job's submission to be answered
            loop.add(now + TortureRun.CLIENT_RETRY, new TortureEvent.Client(r));
            return;
        }
        if (!masters.leads(target)) {
            clientLeader[r] = masters.redirect(target);
            loop.add(now + REDIRECT_RETRY, new TortureEvent.Client(r));
            return;
        }
        Master m = masters.master(target).master();
        if (submit && m.hasJob(job)) {
            masters.request(target, r, null); // an earlier attempt got in: answered once all this leader holds is committed
        } else {
            // the client asked: what it expects of the job changes now, whichever master ends up carrying it out
            if (in instanceof Input.JobKillRequested) checker.killed(job);
            if (in instanceof Input.JobScaled s) checker.scaled(job, s.instances());
            masters.request(target, r, in);
        }
        loop.add(now + TortureRun.CLIENT_RETRY, new TortureEvent.Client(r)); // asks again if no answer came by then
    }

    /** An agent's message reaches a master: the leader handles it, any other points the agent at the leader it knows. */
    private void fromAgent(TortureEvent.ToReplica m) {
        if (agents.get(m.agent()).partitioned) return;
        int r = m.replica();
        if (masters.leads(r)) {
            masters.propose(r, m.input());
            lastHeard[r][m.agent()] = loop.now();
        } else if (agentLeader[m.agent()] == r) {
            agentLeader[m.agent()] = masters.redirect(r);
        }
    }

    /** The acting master's failure detector: an agent not heard from for a while is declared lost. */
    private void detect(int r) {
        long now = loop.now();
        Master m = masters.master(r).master();
        for (int i = 0; i < agents.size() && masters.leads(r); i++) {
            var a = m.cluster().agent(agents.get(i).id);
            if (a != null && a.isUp() && now - lastHeard[r][i] > TortureRun.DETECT_AFTER) {
                masters.propose(r, new Input.AgentRemoved(a.id(), "no report for " + (now - lastHeard[r][i]) / 1000 + " ms"));
            }
        }
    }

    /** A launch reaching an agent is checked as in a single-master run, and against the launches of every term. */
    private void launchArrives(TortureAgent a, Command.Launch l, List<TortureAgent> all) {
        checker.launchArrives(a, l, all);
        ha.launchArrives(a, l, all);
    }

    /** An agent's message goes to the master it believes leads. */
    private TortureEvent toLeader(int from, Input in) {
        return new TortureEvent.ToReplica(agentLeader[from], from, in);
    }
}
