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
}
