package org.mesocosm.sim.torture;

import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;

/** What sits in a torture run's event queue. */
sealed interface TortureEvent {
    /** A message reaches the master; {@code from} is the sending agent's index, or -1. */
    record ToMaster(int from, Input input) implements TortureEvent {}

    /** A launch or kill reaches an agent. */
    record ToAgent(int agent, Command command) implements TortureEvent {}

    /** A timer set by the master process of this epoch fires. */
    record Timer(int epoch, long timerId) implements TortureEvent {}

    /** A client sends (or re-sends) request number {@code request} of the scenario. */
    record Client(int request) implements TortureEvent {}

    record TaskEnds(int agent, int incarnation, String taskId, boolean failed) implements TortureEvent {}

    /** An agent's periodic report of what it runs (its heartbeat). */
    record Report(int agent) implements TortureEvent {}

    /** The master side's failure detector looks for agents gone quiet. */
    record DetectorTick() implements TortureEvent {}

    record Partition(int agent, boolean start) implements TortureEvent {}

    record AgentRestart(int agent, boolean down) implements TortureEvent {}

    record MasterCrash(boolean down, boolean torn) implements TortureEvent {}

    /** An adversarial agent tries to act beyond its own id (see {@link Adversaries}). */
    record Adversary(Adversaries.Kind kind) implements TortureEvent {}

    /** The fault window is over: every partition heals, every process is back. */
    record HealAll() implements TortureEvent {}

    // --- a replicated run (torture --ha): three masters, see HaTortureRun ---

    /** An agent's message reaches master {@code replica} (the one the agent believes leads). */
    record ToReplica(int replica, int agent, Input input) implements TortureEvent {}

    /** A message between masters reaches master {@code to}. */
    record Peer(int to, RaftMessage message) implements TortureEvent {}

    /** Master {@code replica}'s election timeout, valid while its timer {@code token} is the last one set. */
    record Election(int replica, long token) implements TortureEvent {}

    /** Master {@code replica} heartbeats while it leads (its {@code leadership}-th time). */
    record Heartbeat(int replica, long leadership) implements TortureEvent {}

    /** A master timer set by master {@code replica}'s process of this epoch fires. */
    record ReplicaTimer(int replica, int epoch, long timerId) implements TortureEvent {}

    /** A new leader's announcement reaches an agent. */
    record Announce(int agent, int replica, long term) implements TortureEvent {}

    /** A master dies: the leader, or the {@code pick}-th follower that is up; it restarts after {@code downFor}. */
    record ReplicaCrash(boolean leader, int pick, long downFor) implements TortureEvent {}

    /** Master {@code replica}'s process starts again on its durable log (after a crash, or a fail-stop). */
    record ReplicaRestart(int replica) implements TortureEvent {}

    /** Master {@code replica} lost the leadership after acting: its process stops (fail-stop), to restart as a standby. */
    record FailStop(int replica, int epoch) implements TortureEvent {}

    /** The masters are split for {@code length}: see {@link HaFaultSchedule} for the shapes. */
    record MasterPartition(int shape, int pick, int pick2, long length) implements TortureEvent {}

    /** A cut link between two masters heals. */
    record PeerHeal(int a, int b) implements TortureEvent {}
}
