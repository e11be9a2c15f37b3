package org.mesocosm.sim.torture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * One torture run: the real master core, behind its durable log, driving simulated agents over a
 * faulty network while faults from one seed hit it; then a quiet period in which it must put
 * everything right. Invariants are checked after every event. Same seed, same run, same digest.
 */
public final class TortureRun {
    /** How a run ended. {@code violation} is null when every invariant held. */
    public record Result(long seed, String violation, long violationAtMicros, String digest, long events, FaultCounts faults,
                         long masterRecoveries, String lastTailRepair, long adversaryAttempts, long adversaryRefused) {
        public boolean passed() { return violation == null; }
    }

    static final long REPORT_EVERY = 3_000_000L;
    static final long DETECT_AFTER = 10_000_000L;
    static final long DETECTOR_TICK = 1_000_000L;
    static final long CLIENT_RETRY = 2_000_000L;
    static final long EXTRA_QUIET_STEP = 300_000_000L;
    static final long EXTRA_QUIET_MAX = 3_600_000_000L;

    private final TortureSettings settings;
    private final long seed;
    private final RandomStreams streams;
    private final EventQueue<TortureEvent> queue = new EventQueue<>();
    private final EventLogDigest digest = new EventLogDigest();
    private final FaultCounts counts = new FaultCounts();
    private final InvariantChecker checker = new InvariantChecker();
    private final List<TortureAgent> agents = new ArrayList<>();
    private final TortureScenario scenario;
    private final Network network;
    private final FaultSchedule schedule;
    private final MasterProcess master;
    /** Two agents' credentials used to act as others (issue 18); package-private so a test can switch their check off. */
    final Adversaries adversaries;
    private final long[] lastHeard;
    private final Path logDir;
    /** Test hook: agents that say they killed a task but leave it running, to prove the checker notices. */
    boolean agentsIgnoreKills;
    private java.util.function.Consumer<String> trace;
    private long now;
    private long events;

    public TortureRun(TortureSettings settings, long seed, Supplier<PlacementPolicy> policies) {
        this.settings = settings;
        this.seed = seed;
        this.streams = new RandomStreams(seed);
        this.scenario = new TortureScenario(streams, settings.minNodes(), settings.maxNodes(), settings.faultWindowMicros());
        this.network = new Network(streams, settings.faults(), settings.faultWindowMicros(), counts);
        for (TortureScenario.Machine m : scenario.machines) agents.add(new TortureAgent(m.id(), m.total(), m.attributes()));
        this.schedule = new FaultSchedule(streams, settings, agents.size());
        this.adversaries = new Adversaries(streams.stream(Adversaries.STREAM), agents);
        this.lastHeard = new long[agents.size()];
        try {
            logDir = Files.createTempDirectory("mesocosm-torture-" + seed + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MasterConfig cfg = MasterConfig.DEFAULT;
        this.master = new MasterProcess(logDir, cfg, policies, checker::newMasterWatch, digest, new MasterProcess.Outside() {
            @Override
            public void emit(long at, Command c) { onCommand(at, c); }

            @Override
            public void rearmTimer(long atMicros, long timerId) { queue.add(atMicros, new TortureEvent.Timer(master.epoch(), timerId)); }
        });
    }

    /** Prints every event and every master command as it happens (for reading a failing seed). */
    public TortureRun trace(java.util.function.Consumer<String> out) {
        this.trace = out;
        return this;
    }

    public Result run() {
        try {
            return runLoop();
        } finally {
            master.close();
            deleteQuietly(logDir);
        }
    }

    private Result runLoop() {
        SplittableRandom phase = streams.stream("report-phase");
        for (int i = 0; i < agents.size(); i++) {
            TortureAgent a = agents.get(i);
            master.deliver(0, new Input.AgentAdded(a.id, a.total, a.attributes));
            queue.add(1 + phase.nextLong(REPORT_EVERY), new TortureEvent.Report(i));
        }
        for (int r = 0; r < scenario.requests.size(); r++) queue.add(scenario.requests.get(r).at(), new TortureEvent.Client(r));
        queue.add(DETECTOR_TICK, new TortureEvent.DetectorTick());
        schedule.enqueue(queue);
        adversaries.enqueue(queue, settings.faultWindowMicros());
        queue.add(settings.faultWindowMicros(), new TortureEvent.HealAll());
        long end = settings.faultWindowMicros() + settings.quietMicros();
        // a backlog can outlast the quiet period on a small cluster: give running batch work more time, within reason
        long hardEnd = end + EXTRA_QUIET_MAX;
        while (true) {
            runUntil(end);
            if (checker.failed() || end >= hardEnd || !finiteWorkRunning()) break;
            end += EXTRA_QUIET_STEP;
        }
        if (!checker.failed()) checker.atQuietEnd(master, agents);
        return new Result(seed, checker.violation(), checker.failed() ? now : -1, digest.finish(), events, counts,
                master.recoveries(), master.lastRepair(), adversaries.attempts(), adversaries.refused());
    }

    private boolean finiteWorkRunning() {
        return master.isUp() && finiteWorkRunning(master.master());
    }

    /** True while the master has a task of a job that ends by itself (not a service) still active: the run waits for it. */
    static boolean finiteWorkRunning(Master core) {
        for (Task t : core.liveTasks()) {
            if (t.kind() != JobKind.SERVICE && t.state().isActive()) return true;
        }
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
                checker.fail("the master core threw " + ex + " handling " + e);
            }
            checker.afterEvent(now, master);
            if (checker.failed()) return;
        }
    }

    private void dispatch(TortureEvent e) {
        if (e instanceof TortureEvent.ToMaster m) {
            if (m.from() >= 0 && agents.get(m.from()).partitioned) return;
            if (master.deliver(now, m.input()) && m.from() >= 0) lastHeard[m.from()] = now;
        } else if (e instanceof TortureEvent.ToAgent t) {
            agentReceives(t.agent(), t.command());
        } else if (e instanceof TortureEvent.Timer t) {
            if (t.epoch() == master.epoch()) master.deliver(now, new Input.TimerFired(t.timerId()));
        } else if (e instanceof TortureEvent.Client c) {
            client(c.request());
        } else if (e instanceof TortureEvent.TaskEnds t) {
            TortureAgent a = agents.get(t.agent());
            if (a.incarnation == t.incarnation() && a.stop(t.taskId())) {
                send(t.agent(), new Input.TaskStatus(t.taskId(), t.failed() ? TaskState.FAILED : TaskState.FINISHED, t.failed() ? 1 : 0, ""));
            }
        } else if (e instanceof TortureEvent.Report r) {
            if (agents.get(r.agent()).up) send(r.agent(), agents.get(r.agent()).report());
            queue.add(now + REPORT_EVERY, e);
        } else if (e instanceof TortureEvent.Adversary a) {
            String violation = adversaries.attempt(a.kind(), now, master);
            if (violation != null) checker.fail(violation);
        } else if (e instanceof TortureEvent.DetectorTick) {
            detect();
            queue.add(now + DETECTOR_TICK, e);
        } else if (e instanceof TortureEvent.Partition p) {
            TortureAgent a = agents.get(p.agent());
            if (p.start() && !a.partitioned) counts.add(FaultKind.PARTITION);
            a.partitioned = p.start();
            if (!p.start()) send(p.agent(), agents.get(p.agent()).report());
        } else if (e instanceof TortureEvent.AgentRestart r) {
            TortureAgent a = agents.get(r.agent());
            if (r.down()) {
                if (a.up) counts.add(FaultKind.AGENT_RESTART);
                a.crash();
            } else if (!a.up) {
                a.up = true;
                send(r.agent(), a.report());
            }
        } else if (e instanceof TortureEvent.MasterCrash c) {
            if (c.down()) {
                if (master.isUp()) counts.add(c.torn() ? FaultKind.TORN_WRITE : FaultKind.MASTER_CRASH);
                master.crash(streams.stream("torn-write:" + now), c.torn());
            } else {
                restartMaster();
            }
        } else if (e instanceof TortureEvent.HealAll) {
            for (int i = 0; i < agents.size(); i++) {
                TortureAgent a = agents.get(i);
                if (a.partitioned || !a.up) {
                    a.partitioned = false;
                    a.up = true;
                    send(i, a.report());
                }
            }
            restartMaster();
        } else {
            throw new IllegalStateException("unexpected event " + e);
        }
    }

    private void restartMaster() {
        if (master.isUp()) return;
        master.restart(now);
        java.util.Arrays.fill(lastHeard, now);
        // agents notice the new master and re-register with what they run, as Mesos agents do after a failover
        for (int i = 0; i < agents.size(); i++) if (agents.get(i).up) send(i, agents.get(i).report());
    }

    /** The master side's failure detector: an agent not heard from for a while is declared lost. */
    private void detect() {
        if (!master.isUp()) return;
        for (int i = 0; i < agents.size(); i++) {
            var a = master.master().cluster().agent(agents.get(i).id);
            if (a != null && a.isUp() && now - lastHeard[i] > DETECT_AFTER) {
                master.deliver(now, new Input.AgentRemoved(a.id(), "no report for " + (now - lastHeard[i]) / 1000 + " ms"));
            }
        }
    }

    private void client(int r) {
        TortureScenario.ClientRequest req = scenario.requests.get(r);
        Input in = req.input();
        boolean ok;
        if (in instanceof Input.JobSubmitted j) {
            ok = master.deliver(now, in);
            if (ok) checker.submitted(j.job());
        } else {
            String job = in instanceof Input.JobKillRequested k ? k.jobId() : ((Input.JobScaled) in).jobId();
            // a request about a job the master does not know yet waits until the submission is acknowledged
            ok = master.isUp() && master.master().hasJob(job) && master.deliver(now, in);
            if (ok && in instanceof Input.JobKillRequested) checker.killed(job);
            if (ok && in instanceof Input.JobScaled s) checker.scaled(job, s.instances());
        }
        if (!ok) queue.add(now + CLIENT_RETRY, new TortureEvent.Client(r));
    }

    /**
     * When a task just started on agent {@code i} ends, and whether it fails, from the task's own
     * random stream (so that the single-master and the replicated torture worlds agree); nothing
     * is scheduled for a task that runs until it is killed.
     */
    static void scheduleEnd(EventQueue<TortureEvent> queue, RandomStreams streams, long now, int i, TortureAgent a, Command.Launch l) {
        SimProfile sim = l.sim();
        long duration = sim.durationMicros(l.instance());
        if (duration < 0) return;
        SplittableRandom r = new SplittableRandom(streams.seedFor("task-outcome:" + l.taskId()));
        boolean failed = sim.failureProbability() > 0 && r.nextDouble() < sim.failureProbability();
        long runFor = failed ? (long) (duration * r.nextDouble()) : duration;
        queue.add(now + runFor, new TortureEvent.TaskEnds(i, a.incarnation, l.taskId(), failed));
    }

    private void agentReceives(int i, Command c) {
        TortureAgent a = agents.get(i);
        if (!a.reachable()) return;
        if (c instanceof Command.Launch l) {
            if (!a.firstSight(l.taskId())) return;
            checker.launchArrives(a, l, agents);
            a.start(l);
            send(i, new Input.TaskStatus(l.taskId(), TaskState.RUNNING, 0, ""));
            TortureRun.scheduleEnd(queue, streams, now, i, a, l);
        } else if (c instanceof Command.Kill k) {
            boolean stopped = agentsIgnoreKills ? a.running.containsKey(k.taskId()) : a.stop(k.taskId());
            if (stopped) send(i, new Input.TaskStatus(k.taskId(), TaskState.KILLED, -1, "killed"));
        }
    }

    /** An agent's message to the master, through the network. */
    private void send(int from, Input in) {
        if (!agents.get(from).reachable()) return;
        for (long d : network.deliveries(now)) queue.add(now + d, new TortureEvent.ToMaster(from, in));
    }

    private void onCommand(long at, Command c) {
        if (trace != null) trace.accept(at + "   -> " + c);
        if (c instanceof Command.ScheduleTimer t) {
            queue.add(t.atMicros(), new TortureEvent.Timer(master.epoch(), t.timerId()));
        } else if (c instanceof Command.Launch || c instanceof Command.Kill) {
            String agentId = c instanceof Command.Launch l ? l.agentId() : ((Command.Kill) c).agentId();
            int i = indexOf(agentId);
            for (long d : network.deliveries(at)) queue.add(at + d, new TortureEvent.ToAgent(i, c));
        } else {
            throw new IllegalStateException("unexpected command " + c);
        }
    }

    private int indexOf(String agentId) {
        for (int i = 0; i < agents.size(); i++) if (agents.get(i).id.equals(agentId)) return i;
        throw new IllegalStateException("command for unknown agent " + agentId);
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
