package org.mesocosm.sim.torture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.mesocosm.runtime.log.EventLogDigest;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.random.RandomStreams;

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

    static final long DETECT_AFTER = 10_000_000L;
    static final long DETECTOR_TICK = 1_000_000L;
    static final long CLIENT_RETRY = 2_000_000L;

    private final TortureSettings settings;
    private final long seed;
    private final RandomStreams streams;
    private final EventLogDigest digest = new EventLogDigest();
    private final FaultCounts counts = new FaultCounts();
    private final InvariantChecker checker = new InvariantChecker();
    private final TortureLoop loop = new TortureLoop(checker, "the master core");
    /** The agents; package-private so that a test can make them ignore kills. */
    final TortureAgents agents;
    private final TortureScenario scenario;
    private final FaultSchedule schedule;
    private final MasterProcess master;
    /** Two agents' credentials used to act as others (issue 18); package-private so a test can switch their check off. */
    final Adversaries adversaries;
    private final long[] lastHeard;
    private final Path logDir;

    public TortureRun(TortureSettings settings, long seed, Supplier<PlacementPolicy> policies) {
        this.settings = settings;
        this.seed = seed;
        this.streams = new RandomStreams(seed);
        this.scenario = new TortureScenario(streams, settings.minNodes(), settings.maxNodes(), settings.faultWindowMicros());
        Network network = new Network(streams, settings.faults(), settings.faultWindowMicros(), counts);
        this.agents = new TortureAgents(scenario, loop, streams, network, counts, checker::launchArrives, TortureEvent.ToMaster::new);
        this.schedule = new FaultSchedule(streams, settings, agents.size());
        this.adversaries = new Adversaries(streams.stream(Adversaries.STREAM), agents.list);
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
            public void rearmTimer(long atMicros, long timerId) { loop.add(atMicros, new TortureEvent.Timer(master.epoch(), timerId)); }
        });
    }

    /** Prints every event and every master command as it happens (for reading a failing seed). */
    public TortureRun trace(java.util.function.Consumer<String> out) {
        loop.traceTo(out);
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
        agents.enqueueReports(i -> {
            TortureAgent a = agents.get(i);
            master.deliver(0, new Input.AgentAdded(a.id, a.total, a.attributes));
        });
        for (int r = 0; r < scenario.requests.size(); r++) loop.add(scenario.requests.get(r).at(), new TortureEvent.Client(r));
        loop.add(DETECTOR_TICK, new TortureEvent.DetectorTick());
        schedule.enqueue(loop.queue);
        adversaries.enqueue(loop.queue, settings.faultWindowMicros());
        loop.add(settings.faultWindowMicros(), new TortureEvent.HealAll());
        loop.runThroughQuiet(settings, new TortureLoop.Handler() {
            @Override
            public void dispatch(TortureEvent e) { TortureRun.this.dispatch(e); }

            @Override
            public void afterEvent() { checker.afterEvent(loop.now(), master); }

            @Override
            public boolean finiteWorkRunning() { return master.isUp() && TortureRun.finiteWorkRunning(master.master()); }
        });
        if (!checker.failed()) checker.atQuietEnd(master, agents.list);
        return new Result(seed, checker.violation(), checker.failed() ? loop.now() : -1, digest.finish(), loop.events(), counts,
                master.recoveries(), master.lastRepair(), adversaries.attempts(), adversaries.refused());
    }

    /** True while the master has a task of a job that ends by itself (not a service) still active: the run waits for it. */
    static boolean finiteWorkRunning(Master core) {
        for (Task t : core.liveTasks()) {
            if (t.kind() != JobKind.SERVICE && t.state().isActive()) return true;
        }
        return false;
    }

    private void dispatch(TortureEvent e) {
        long now = loop.now();
        if (agents.handle(e)) return;
        if (e instanceof TortureEvent.ToMaster m) {
            if (m.from() >= 0 && agents.get(m.from()).partitioned) return;
            if (master.deliver(now, m.input()) && m.from() >= 0) lastHeard[m.from()] = now;
        } else if (e instanceof TortureEvent.Timer t) {
            if (t.epoch() == master.epoch()) master.deliver(now, new Input.TimerFired(t.timerId()));
        } else if (e instanceof TortureEvent.Client c) {
            client(c.request());
        } else if (e instanceof TortureEvent.Adversary a) {
            String violation = adversaries.attempt(a.kind(), now, master);
            if (violation != null) checker.fail(violation);
        } else if (e instanceof TortureEvent.DetectorTick) {
            detect();
            loop.add(now + DETECTOR_TICK, e);
        } else if (e instanceof TortureEvent.MasterCrash c) {
            if (c.down()) {
                if (master.isUp()) counts.add(c.torn() ? FaultKind.TORN_WRITE : FaultKind.MASTER_CRASH);
                master.crash(streams.stream("torn-write:" + now), c.torn());
            } else {
                restartMaster();
            }
        } else if (e instanceof TortureEvent.HealAll) {
            agents.healAll();
            restartMaster();
        } else {
            throw new IllegalStateException("unexpected event " + e);
        }
    }

    private void restartMaster() {
        if (master.isUp()) return;
        long now = loop.now();
        master.restart(now);
        java.util.Arrays.fill(lastHeard, now);
        agents.reregisterAll(); // agents notice the new master
    }

    /** The master side's failure detector: an agent not heard from for a while is declared lost. */
    private void detect() {
        if (!master.isUp()) return;
        long now = loop.now();
        for (int i = 0; i < agents.size(); i++) {
            var a = master.master().cluster().agent(agents.get(i).id);
            if (a != null && a.isUp() && now - lastHeard[i] > DETECT_AFTER) {
                master.deliver(now, new Input.AgentRemoved(a.id(), "no report for " + (now - lastHeard[i]) / 1000 + " ms"));
            }
        }
    }

    private void client(int r) {
        long now = loop.now();
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
        if (!ok) loop.add(now + CLIENT_RETRY, new TortureEvent.Client(r));
    }

    private void onCommand(long at, Command c) {
        if (loop.tracing()) loop.trace(at + "   -> " + c);
        if (c instanceof Command.ScheduleTimer t) {
            loop.add(t.atMicros(), new TortureEvent.Timer(master.epoch(), t.timerId()));
        } else if (c instanceof Command.Launch || c instanceof Command.Kill) {
            agents.command(at, c);
        } else {
            throw new IllegalStateException("unexpected command " + c);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
