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
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.random.RandomStreams;
import org.mesocosm.sim.EventQueue;

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
    private final EventQueue<TortureEvent> queue = new EventQueue<>();
    private final EventLogDigest digest = new EventLogDigest();
    private final FaultCounts counts = new FaultCounts();
    private final InvariantChecker checker = new InvariantChecker();
    private final HaInvariants ha;
    private final List<TortureAgent> agents = new ArrayList<>();
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
    private Consumer<String> trace;
    private long now;
    private long events;

    public HaTortureRun(TortureSettings settings, long seed, Supplier<PlacementPolicy> policies) {
        this.settings = settings.withFaults(FaultKind.applicable(settings.faults(), true));
        this.seed = seed;
        this.streams = new RandomStreams(seed);
        this.scenario = new TortureScenario(streams, settings.minNodes(), settings.maxNodes(), settings.faultWindowMicros());
        this.network = new Network(streams, this.settings.faults(), settings.faultWindowMicros(), counts);
        PeerNetwork peers = new PeerNetwork(streams, this.settings.faults(), settings.faultWindowMicros(), counts, ReplicatedMasters.SIZE);
        for (TortureScenario.Machine m : scenario.machines) agents.add(new TortureAgent(m.id(), m.total(), m.attributes()));
        this.ha = new HaInvariants(checker, digest, ReplicatedMasters.SIZE);
        this.lastHeard = new long[ReplicatedMasters.SIZE][agents.size()];
        this.agentLeader = new int[agents.size()];
        this.agentTerm = new long[agents.size()];
        this.clientLeader = new int[scenario.requests.size()];
        this.answered = new boolean[scenario.requests.size()];
        this.masters = new ReplicatedMasters(new World(), peers, counts, streams.stream("ha-election"), policies, ha);
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
        masters.start();
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
        for (int r = 0; r < ReplicatedMasters.SIZE; r++) {
            terms = Math.max(terms, masters.node(r).term());
            committed = Math.max(committed, masters.node(r).commitIndex());
        }
        return new Result(seed, checker.violation(), checker.failed() ? now : -1, digest.finish(), events, counts, terms,
                masters.failovers(), masters.failStops(), committed);
    }

    /** Everything a single master owes once faults stop, and every master caught up with the leader. */
    private void atQuietEnd(long end) {
        int leader = masters.actingLeader();
        checker.atQuietEnd(leader < 0 ? null : masters.master(leader).master(), agents);
        if (checker.failed() || leader < 0) return;
        long commit = masters.node(leader).commitIndex();
        runUntil(end + CATCH_UP);
        for (int r = 0; r < ReplicatedMasters.SIZE; r++) {
            if (!checker.failed() && masters.master(r).applied() < commit) {
                checker.fail("m" + (r + 1) + " applied " + masters.master(r).applied() + " entries " + CATCH_UP / 1_000_000
                        + " s after the quiet period; m" + (leader + 1) + " had committed " + commit);
            }
        }
    }

    private boolean finiteWorkRunning() {
        int leader = masters.actingLeader();
        return leader >= 0 && TortureRun.finiteWorkRunning(masters.master(leader).master());
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
        if (e instanceof TortureEvent.ToReplica m) {
            fromAgent(m);
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
            for (int r = 0; r < ReplicatedMasters.SIZE; r++) if (masters.leads(r)) detect(r);
            queue.add(now + TortureRun.DETECTOR_TICK, e);
        } else if (e instanceof TortureEvent.HealAll) {
            masters.healAll();
            for (int i = 0; i < agents.size(); i++) {
                TortureAgent a = agents.get(i);
                if (a.partitioned || !a.up) {
                    a.partitioned = false;
                    a.up = true;
                    send(i, a.report());
                }
            }
        } else if (e instanceof TortureEvent.ToAgent || e instanceof TortureEvent.TaskEnds || e instanceof TortureEvent.Report
                || e instanceof TortureEvent.Partition || e instanceof TortureEvent.AgentRestart) {
            agentEvent(e);
        } else {
            masters.dispatch(e);
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
        }
    }

    /** What the masters see of this run. */
    private final class World implements ReplicatedMasters.World {
        @Override
        public long now() { return now; }

        @Override
        public void schedule(long at, TortureEvent e) { queue.add(at, e); }

        @Override
        public void promoted(int replica, long term) {
            java.util.Arrays.fill(lastHeard[replica], now);
            // agents hear of the new leader and re-register with what they run, as after a single master's restart
            for (int i = 0; i < agents.size(); i++) {
                if (!agents.get(i).reachable()) continue;
                for (long d : network.deliveries(now)) queue.add(now + d, new TortureEvent.Announce(i, replica, term));
            }
        }

        @Override
        public void release(int replica, Command c) {
            if (trace != null) trace.accept(now + "   m" + (replica + 1) + " -> " + c);
            ha.acted(masters.node(replica).term(), replica, c);
            digest.command(now, c);
            String agentId = c instanceof Command.Launch l ? l.agentId() : ((Command.Kill) c).agentId();
            int i = indexOf(agentId);
            for (long d : network.deliveries(now)) queue.add(now + d, new TortureEvent.ToAgent(i, c));
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
        public void trace(String line) {
            if (trace != null) trace.accept(line);
        }

        @Override
        public void violation(String what) { checker.fail(what); }
    }

    /** A client asks the master it believes leads; until answered it asks again, where it was pointed or after a while. */
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
        if (!masters.leads(target)) {
            clientLeader[r] = masters.redirect(target);
            queue.add(now + REDIRECT_RETRY, new TortureEvent.Client(r));
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
        queue.add(now + TortureRun.CLIENT_RETRY, new TortureEvent.Client(r)); // asks again if no answer came by then
    }

    /** An agent's message reaches a master: the leader handles it, any other points the agent at the leader it knows. */
    private void fromAgent(TortureEvent.ToReplica m) {
        if (agents.get(m.agent()).partitioned) return;
        int r = m.replica();
        if (masters.leads(r)) {
            masters.propose(r, m.input());
            lastHeard[r][m.agent()] = now;
        } else if (agentLeader[m.agent()] == r) {
            agentLeader[m.agent()] = masters.redirect(r);
        }
    }

    /** The acting master's failure detector: an agent not heard from for a while is declared lost. */
    private void detect(int r) {
        Master m = masters.master(r).master();
        for (int i = 0; i < agents.size() && masters.leads(r); i++) {
            var a = m.cluster().agent(agents.get(i).id);
            if (a != null && a.isUp() && now - lastHeard[r][i] > TortureRun.DETECT_AFTER) {
                masters.propose(r, new Input.AgentRemoved(a.id(), "no report for " + (now - lastHeard[r][i]) / 1000 + " ms"));
            }
        }
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
            TortureRun.scheduleEnd(queue, streams, now, i, a, l);
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
