package org.mesocosm.sim.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.random.RandomStreams;

/**
 * The simulated agents of a torture run and the events that concern them alone: launches and kills reaching them,
 * tasks ending, periodic reports, partitions, restarts, the heal at the end of the fault window. A single-master and a
 * replicated run share all of it; they differ only in where an agent's message goes ({@link Addressing}) and in what
 * checks a launch as it arrives ({@link LaunchCheck}).
 */
final class TortureAgents {
    /** How often an agent reports what it runs (its heartbeat). */
    static final long REPORT_EVERY = 3_000_000L;

    /** The event that carries agent {@code from}'s message to a master. */
    interface Addressing {
        TortureEvent toMaster(int from, Input in);
    }

    /** Checks a launch as it reaches an agent, before the agent starts it. */
    interface LaunchCheck {
        void launchArrives(TortureAgent a, Command.Launch l, List<TortureAgent> all);
    }

    final List<TortureAgent> list = new ArrayList<>();
    private final TortureLoop loop;
    private final RandomStreams streams;
    private final Network network;
    private final FaultCounts counts;
    private final LaunchCheck launchCheck;
    private final Addressing addressing;
    /** Test hook: agents that say they killed a task but leave it running, to prove the checker notices. */
    boolean ignoreKills;

    TortureAgents(TortureScenario scenario, TortureLoop loop, RandomStreams streams, Network network, FaultCounts counts,
                  LaunchCheck launchCheck, Addressing addressing) {
        for (TortureScenario.Machine m : scenario.machines) list.add(new TortureAgent(m.id(), m.total(), m.attributes()));
        this.loop = loop;
        this.streams = streams;
        this.network = network;
        this.counts = counts;
        this.launchCheck = launchCheck;
        this.addressing = addressing;
    }

    int size() { return list.size(); }

    TortureAgent get(int i) { return list.get(i); }

    /**
     * Each agent's first report comes at a random phase of its period, from the seed; {@code before} runs for each agent
     * just before its report is queued (a single master registers it there: what that queues comes first, as it did).
     */
    void enqueueReports(java.util.function.IntConsumer before) {
        SplittableRandom phase = streams.stream("report-phase");
        for (int i = 0; i < list.size(); i++) {
            before.accept(i);
            loop.add(1 + phase.nextLong(REPORT_EVERY), new TortureEvent.Report(i));
        }
    }

    /** Handles an event that concerns the agents alone; false for any other. */
    boolean handle(TortureEvent e) {
        long now = loop.now();
        if (e instanceof TortureEvent.ToAgent t) {
            receive(t.agent(), t.command());
        } else if (e instanceof TortureEvent.TaskEnds t) {
            TortureAgent a = list.get(t.agent());
            if (a.incarnation == t.incarnation() && a.stop(t.taskId())) {
                send(t.agent(), new Input.TaskStatus(t.taskId(), t.failed() ? TaskState.FAILED : TaskState.FINISHED, t.failed() ? 1 : 0, ""));
            }
        } else if (e instanceof TortureEvent.Report r) {
            if (list.get(r.agent()).up) send(r.agent(), list.get(r.agent()).report());
            loop.add(now + REPORT_EVERY, e);
        } else if (e instanceof TortureEvent.Partition p) {
            TortureAgent a = list.get(p.agent());
            if (p.start() && !a.partitioned) counts.add(FaultKind.PARTITION);
            a.partitioned = p.start();
            if (!p.start()) send(p.agent(), a.report());
        } else if (e instanceof TortureEvent.AgentRestart r) {
            TortureAgent a = list.get(r.agent());
            if (r.down()) {
                if (a.up) counts.add(FaultKind.AGENT_RESTART);
                a.crash();
            } else if (!a.up) {
                a.up = true;
                send(r.agent(), a.report());
            }
        } else {
            return false;
        }
        return true;
    }

    /** The fault window is over: every cut-off or crashed agent is back and reports what it runs. */
    void healAll() {
        for (int i = 0; i < list.size(); i++) {
            TortureAgent a = list.get(i);
            if (a.partitioned || !a.up) {
                a.partitioned = false;
                a.up = true;
                send(i, a.report());
            }
        }
    }

    /** Every agent that is up re-registers with what it runs, as Mesos agents do after a failover. */
    void reregisterAll() {
        for (int i = 0; i < list.size(); i++) if (list.get(i).up) send(i, list.get(i).report());
    }

    /** An agent's message to a master, through the network. */
    void send(int from, Input in) {
        if (!list.get(from).reachable()) return;
        long now = loop.now();
        for (long d : network.deliveries(now)) loop.add(now + d, addressing.toMaster(from, in));
    }

    /** A master's launch or kill, sent at {@code at} through the network to the agent it names. */
    void command(long at, Command c) {
        String agentId = c instanceof Command.Launch l ? l.agentId() : ((Command.Kill) c).agentId();
        int i = indexOf(agentId);
        for (long d : network.deliveries(at)) loop.add(at + d, new TortureEvent.ToAgent(i, c));
    }

    private int indexOf(String agentId) {
        for (int i = 0; i < list.size(); i++) if (list.get(i).id.equals(agentId)) return i;
        throw new IllegalStateException("command for unknown agent " + agentId);
    }

    private void receive(int i, Command c) {
        TortureAgent a = list.get(i);
        if (!a.reachable()) return;
        if (c instanceof Command.Launch l) {
            if (!a.firstSight(l.taskId())) return;
            launchCheck.launchArrives(a, l, list);
            a.start(l);
            send(i, new Input.TaskStatus(l.taskId(), TaskState.RUNNING, 0, ""));
            scheduleEnd(i, a, l);
        } else if (c instanceof Command.Kill k) {
            boolean stopped = ignoreKills ? a.running.containsKey(k.taskId()) : a.stop(k.taskId());
            if (stopped) send(i, new Input.TaskStatus(k.taskId(), TaskState.KILLED, -1, "killed"));
        }
    }

    /**
     * When a task just started on agent {@code i} ends, and whether it fails, from the task's own random stream (so
     * that the single-master and the replicated torture worlds agree); nothing is scheduled for a task that runs until
     * it is killed.
     */
    private void scheduleEnd(int i, TortureAgent a, Command.Launch l) {
        SimProfile sim = l.sim();
        long duration = sim.durationMicros(l.instance());
        if (duration < 0) return;
        SplittableRandom r = new SplittableRandom(streams.seedFor("task-outcome:" + l.taskId()));
        boolean failed = sim.failureProbability() > 0 && r.nextDouble() < sim.failureProbability();
        long runFor = failed ? (long) (duration * r.nextDouble()) : duration;
        loop.add(loop.now() + runFor, new TortureEvent.TaskEnds(i, a.incarnation, l.taskId(), failed));
    }
}
