package org.mesocosm.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.mesocosm.runtime.log.EventLogDigest;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.NodeGroup;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.model.WorkloadSource;
import org.mesocosm.runtime.random.RandomStreams;
import org.mesocosm.sim.decision.DecisionDriver;

/**
 * The simulation driver: a virtual clock and an event queue around the real master. The master's
 * commands are carried out by simulated agents after a network delay; task ends, machine
 * failures and workload arrivals come back as master inputs. Every input and command is folded
 * into a SHA-256 digest, so two runs with the same seed can be proven identical.
 */
public final class Simulation {
    /** How the run ended. */
    public enum EndReason {
        ALL_WORK_DONE,
        /** Every unfinished batch or pipeline job waits only on tasks that fit no machine. */
        ONLY_UNSCHEDULABLE_LEFT,
        TIME_LIMIT,
        STALLED,
        NO_MORE_EVENTS
    }

    /** Progress callback, every few thousand events; must not touch the simulation. */
    @FunctionalInterface
    public interface Progress {
        void update(long simMicros, long events, long tasksEnded, long tasksCreated);
    }

    public record Result(long endMicros, long events, String digest, EndReason endReason, Master master, MetricsRecorder metrics) {}

    /** Work that has made no progress for this long, once the workload is exhausted, is declared stalled. */
    private static final long STALL_MICROS = 3_600_000_000L;

    private final SimConfig cfg;
    private final WorkloadSource workload;
    private final MetricsRecorder metrics;
    private final Master master;
    private final EventQueue<SimEvent> queue = new EventQueue<>();
    private final EventLogDigest digest = new EventLogDigest();
    private final List<SimAgent> agents = new ArrayList<>();
    private final Map<String, SimAgent> agentsById = new HashMap<>();
    private final SplittableRandom failureRng;
    private final RandomStreams streams;
    private final List<SimProbe> probes = new ArrayList<>();
    private final int overcommitPercent;
    private final UsageModel usageModel = UsageModel.DEFAULT;
    private long launches;
    private long oomKills;
    private final ProgressTracker progressTracker = new ProgressTracker();
    private Progress progress = (t, e, d, c) -> {};
    private long now;
    private long events;
    private boolean workloadDone;
    private long lastProgressAt;
    private boolean onlyUnschedulableLeft;
    private boolean drainPending;
    /** The scheduler's busy clock when decisions take time (issue 17), or null: every decision is instant. */
    private final DecisionDriver decisions;
    /** When a launch delayed by decision time reaches its agent, by task id: a later kill must not overtake it. */
    private final Map<String, Long> launchDue = new HashMap<>();

    public Simulation(SimConfig cfg, WorkloadSource workload, PlacementPolicy policy, MetricsRecorder metrics,
                      List<MasterObserver> extraObservers) {
        this(cfg, workload, policy, metrics, extraObservers, null);
    }

    /**
     * @param decisions the busy clock of the policy (usually the policy itself, wrapped in a
     *                  {@link org.mesocosm.sim.decision.TimedScheduler}), or null for instant decisions
     */
    public Simulation(SimConfig cfg, WorkloadSource workload, PlacementPolicy policy, MetricsRecorder metrics,
                      List<MasterObserver> extraObservers, DecisionDriver decisions) {
        this.decisions = decisions;
        this.cfg = cfg;
        this.workload = workload;
        this.metrics = metrics;
        this.streams = new RandomStreams(cfg.seed());
        this.failureRng = streams.stream("machine-failures");
        this.overcommitPercent = policy.overcommitPercent();
        List<MasterObserver> all = new ArrayList<>();
        all.add(decisions == null ? metrics : new DecidedPlacements(metrics, decisions));
        all.add(progressTracker);
        all.addAll(extraObservers);
        this.master = new Master(cfg.master(), policy, this::onCommand, Observers.of(all));
    }

    public Simulation onProgress(Progress p) {
        this.progress = p;
        return this;
    }

    /**
     * Keeps running, once the finite work is done, until no task waits to be placed either (the
     * pending instances of long-running jobs, e.g. a trace's last-second arrivals), or until the
     * work stalls or the time limit. Replays use it so that nothing arriving at the end is cut
     * off; off by default (a run's end, and so its digest, stays as it was).
     */
    public Simulation drainPending(boolean on) {
        this.drainPending = on;
        return this;
    }

    public Simulation probe(SimProbe p) {
        probes.add(p);
        return this;
    }

    public Master master() { return master; }

    public Result run() {
        int i = 0;
        for (NodeGroup g : cfg.nodes()) {
            for (int k = 0; k < g.count(); k++) addMachine(String.format(Locale.ROOT, "n%05d", i++), g.capacity(), g.attributes());
        }
        pullArrival();
        queue.add(0, new SimEvent.Sample());
        EndReason reason = EndReason.NO_MORE_EVENTS;
        SimView view = new SimView();
        while (!queue.isEmpty()) {
            long t = queue.peekTime();
            if (t > cfg.maxSimMicros()) {
                now = cfg.maxSimMicros();
                reason = EndReason.TIME_LIMIT;
                break;
            }
            SimEvent e = queue.poll();
            now = t;
            events++;
            dispatch(e);
            for (SimProbe p : probes) p.afterEvent(now, master, view);
            if ((events & 0x3fff) == 0) progress.update(now, events, progressTracker.ended, master.tasksCreated());
            if (workloadDone && now >= cfg.minSimMicros()) {
                if (master.unfinishedFiniteJobs() == 0 && (!drainPending || metrics.pendingNow() == 0)) {
                    reason = EndReason.ALL_WORK_DONE;
                    break;
                }
                if (onlyUnschedulableLeft) {
                    reason = EndReason.ONLY_UNSCHEDULABLE_LEFT;
                    break;
                }
                if (progressTracker.activeFinite == 0 && now - Math.max(lastProgressAt, progressTracker.lastChange) > STALL_MICROS) {
                    reason = EndReason.STALLED;
                    break;
                }
            }
        }
        metrics.sample(now);
        metrics.finish(now, master.liveTasks());
        progress.update(now, events, progressTracker.ended, master.tasksCreated());
        workload.close();
        return new Result(now, events, digest.finish(), reason, master, metrics);
    }

    /** True when every live task of a run-to-completion job fits no machine: nothing left can finish. */
    private boolean onlyUnschedulableFiniteWorkLeft() {
        if (master.unfinishedFiniteJobs() == 0) return false;
        boolean any = false;
        for (Task t : master.liveTasks()) {
            if (t.kind() == JobKind.SERVICE) continue;
            if (!t.isUnschedulable()) return false;
            any = true;
        }
        return any;
    }

    private void addMachine(String id, Resources capacity, Map<String, String> attributes) {
        SimAgent a = agentsById.get(id);
        if (a == null) {
            a = new SimAgent(id, capacity, attributes, overcommitPercent);
            agents.add(a);
            agentsById.put(id, a);
            if (cfg.failuresPerNodePerDay() > 0) queue.add(now + nextFailureIn(), new SimEvent.AgentFails(a));
        } else if (a.up) {
            throw new IllegalStateException("machine " + id + " added twice");
        }
        a.total = capacity;
        a.attributes = attributes;
        a.up = true;
        queue.add(now, new SimEvent.Deliver(new Input.AgentAdded(id, capacity, attributes)));
    }

    private long nextFailureIn() {
        double meanMicros = 86_400_000_000.0 / cfg.failuresPerNodePerDay();
        return 1 + (long) (-Math.log(1 - failureRng.nextDouble()) * meanMicros);
    }

    private void pullArrival() {
        WorkloadEvent e = workload.next();
        if (e == null) {
            workloadDone = true;
            lastProgressAt = now;
            metrics.arrivalsEnded(now);
            return;
        }
        if (e.atMicros() < now) {
            throw new IllegalStateException("workload " + workload.name() + " went back in time: " + e.atMicros() + " < " + now);
        }
        queue.add(e.atMicros(), new SimEvent.Arrive(e));
    }

    private void dispatch(SimEvent e) {
        if (e instanceof SimEvent.Deliver d) {
            deliverNow(d.input());
        } else if (e instanceof SimEvent.TaskEnds end) {
            SimAgent a = end.agent();
            RunningTask rt = a.tasks.get(end.taskId());
            if (a.incarnation == end.incarnation() && rt != null && rt.endVersion == end.endVersion()) {
                a.stop(end.taskId());
                TaskState s = end.failed() ? TaskState.FAILED : TaskState.FINISHED;
                deliverLater(new Input.TaskStatus(end.taskId(), s, end.failed() ? 1 : 0, end.failed() ? "simulated failure" : ""));
                enforceCapacity(a);
            }
        } else if (e instanceof SimEvent.LaunchArrives l) {
            if (!launchDue.isEmpty()) launchDue.remove(l.launch().taskId());
            startTask(l.agent(), l.launch());
        } else if (e instanceof SimEvent.KillArrives k) {
            if (k.agent().up && k.agent().stop(k.taskId()) != null) {
                deliverLater(new Input.TaskStatus(k.taskId(), TaskState.KILLED, -1, "killed"));
                enforceCapacity(k.agent());
            }
        } else if (e instanceof SimEvent.UsageStep u) {
            SimAgent a = u.agent();
            if (!a.up || a.tasks.get(u.task().id) != u.task()) return;
            a.step(u.task(), usageModel);
            queue.add(now + usageModel.nextStepIn(u.task()), u);
            enforceCapacity(a);
        } else if (e instanceof SimEvent.Arrive a) {
            arrive(a.event());
            pullArrival();
        } else if (e instanceof SimEvent.AgentFails f) {
            SimAgent a = f.agent();
            if (!a.up) return;
            a.crash();
            queue.add(now + cfg.detectionMicros(), new SimEvent.Deliver(new Input.AgentRemoved(a.id, "machine failure")));
            long repair = cfg.detectionMicros() + 1 + (long) (-Math.log(1 - failureRng.nextDouble()) * cfg.meanRepairMicros());
            queue.add(now + repair, new SimEvent.AgentRepaired(a));
        } else if (e instanceof SimEvent.AgentRepaired r) {
            addMachine(r.agent().id, r.agent().total, r.agent().attributes);
        } else if (e instanceof SimEvent.Sample) {
            metrics.sample(now);
            onlyUnschedulableLeft = workloadDone && onlyUnschedulableFiniteWorkLeft();
            queue.add(now + cfg.sampleMicros(), new SimEvent.Sample());
        } else {
            throw new IllegalStateException("unexpected event " + e);
        }
    }

    private void arrive(WorkloadEvent e) {
        if (e instanceof WorkloadEvent.JobArrival j) {
            // straight to the master: once the workload is exhausted, every job must already be in
            deliverNow(new Input.JobSubmitted(j.job()));
        } else if (e instanceof WorkloadEvent.MachineUp m) {
            addMachine(m.machineId(), m.capacity(), m.attributes());
        } else if (e instanceof WorkloadEvent.MachineDown m) {
            SimAgent a = agentsById.get(m.machineId());
            if (a != null && a.up) {
                a.crash();
                queue.add(now, new SimEvent.Deliver(new Input.AgentRemoved(a.id, m.reason())));
            }
        } else {
            throw new IllegalStateException("unexpected workload event " + e);
        }
    }

    private void startTask(SimAgent a, Command.Launch l) {
        if (!a.up) return; // launched onto a dead machine: the master learns when it detects the failure
        deliverLater(new Input.TaskStatus(l.taskId(), TaskState.RUNNING, 0, ""));
        SimProfile sim = l.sim();
        long duration = sim.durationMicros(l.instance());
        boolean failed = false;
        long runFor = -1;
        if (duration >= 0) {
            // The outcome of an attempt depends only on the seed and the task id, never on the order in
            // which a policy happened to launch things, so that policies are compared on equal terms.
            SplittableRandom r = new SplittableRandom(streams.seedFor("task-outcome:" + l.taskId()));
            failed = sim.failureProbability() > 0 && r.nextDouble() < sim.failureProbability();
            runFor = failed ? (long) (duration * r.nextDouble()) : duration;
        }
        // The master's view of the task: its priority, whether it sits on reclaimed resources, its declared usage.
        Task mt = master.task(l.taskId());
        RunningTask rt = new RunningTask(l.taskId(), l.resources(), mt == null ? null : mt.spec().usage(),
                mt == null ? 0 : mt.priority(), mt != null && mt.isReclaimed(), launches++,
                new SplittableRandom(streams.seedFor("task-usage:" + l.taskId())), now, runFor, failed);
        // Usage below the request only matters where requests may exceed the machine (a declared
        // overcommit): elsewhere the steps could never change an outcome, so they are not simulated.
        boolean varies = a.overcommitPercent > 0 && rt.varies();
        if (varies) usageModel.step(rt);
        a.start(rt);
        if (varies) queue.add(now + usageModel.nextStepIn(rt), new SimEvent.UsageStep(a, rt));
        if (rt.ends) {
            rt.changeRate(now, a.rate);
            queue.add(rt.endAt(), new SimEvent.TaskEnds(a, a.incarnation, l.taskId(), failed, rt.endVersion));
        }
        enforceCapacity(a);
    }

    /**
     * After a machine's usage changed: kills tasks while its memory usage exceeds its memory
     * (reason {@code oom}; their work is lost), then, if its CPU share changed, moves the end of
     * every task on it to the new speed.
     */
    private void enforceCapacity(SimAgent a) {
        for (RunningTask victim : a.oomVictims()) {
            oomKills++;
            deliverLater(new Input.TaskStatus(victim.id, TaskState.KILLED, 137, Task.OOM_KILLED));
        }
        double rate = a.cpuRate();
        if (rate == a.rate) return;
        a.rate = rate;
        for (RunningTask t : a.tasksInLaunchOrder()) {
            if (!t.ends) continue;
            t.endVersion++;
            queue.add(t.changeRate(now, rate), new SimEvent.TaskEnds(a, a.incarnation, t.id, t.failed, t.endVersion));
        }
    }

    /** Tasks the simulated machines killed for using more memory than the machine has. */
    public long oomKills() { return oomKills; }

    private void deliverNow(Input in) {
        digest.input(now, in);
        master.handle(now, in);
        if (decisions != null) {
            decisions.inputHandled(now);
            for (String job : decisions.takeAbandoned()) queue.add(now, new SimEvent.Deliver(new Input.JobKillRequested(job)));
        }
    }

    private void deliverLater(Input in) {
        queue.add(now + cfg.networkDelayMicros(), new SimEvent.Deliver(in));
    }

    private void onCommand(long at, Command c) {
        digest.command(at, c);
        if (c instanceof Command.ScheduleTimer t) {
            queue.add(t.atMicros(), new SimEvent.Deliver(new Input.TimerFired(t.timerId())));
        } else if (c instanceof Command.Launch l) {
            // a placement takes effect when the scheduler got that far into its decision (0 when decisions are instant)
            long decided = decisions == null ? 0 : decisions.elapsedMicros();
            long due = at + decided + cfg.networkDelayMicros();
            if (decided > 0) launchDue.put(l.taskId(), due);
            queue.add(due, new SimEvent.LaunchArrives(agentsById.get(l.agentId()), l));
        } else if (c instanceof Command.Kill k) {
            long due = at + (decisions == null ? 0 : decisions.elapsedMicros()) + cfg.networkDelayMicros();
            if (!launchDue.isEmpty()) due = Math.max(due, launchDue.getOrDefault(k.taskId(), 0L)); // after its own launch
            queue.add(due, new SimEvent.KillArrives(agentsById.get(k.agentId()), k.taskId()));
        } else {
            throw new IllegalStateException("unexpected command " + c);
        }
    }

    /**
     * Notes when tasks last made progress, to tell a finished run from a stuck one: stuck means
     * no batch or pipeline task is running and none has been placed for a while.
     */
    private static final class ProgressTracker implements MasterObserver {
        long lastChange;
        long ended;
        long activeFinite;

        @Override
        public void taskPlaced(long at, Task task) {
            lastChange = at;
            if (task.kind() != JobKind.SERVICE) activeFinite++;
        }

        @Override
        public void taskStateChanged(long at, Task task, TaskState from) {
            lastChange = at;
            if (task.state().isTerminal()) {
                ended++;
                if (from.isActive() && task.kind() != JobKind.SERVICE) activeFinite--;
            }
        }
    }

    private final class SimView implements SimClusterView {
        @Override public int machines() { return agents.size(); }
        @Override public String machineId(int i) { return agents.get(i).id; }
        @Override public boolean isUp(int i) { return agents.get(i).up; }
        @Override public Resources capacity(int i) { return agents.get(i).total; }
        @Override public Resources limit(int i) { return agents.get(i).limit(); }
        @Override public Resources used(int i) { return agents.get(i).used; }
        @Override public int runningTasks(int i) { return agents.get(i).tasks.size(); }
        @Override public long memUsage(int i) { return agents.get(i).memUsage; }
        @Override public long cpuUsage(int i) { return agents.get(i).cpuUsage; }
    }
}
