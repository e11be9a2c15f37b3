package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * Where the master's commands to agents wait until the input that caused them is durable in the
 * log: a launch that went out for a submission the log then lost would run a task no restarted
 * master knows of, under an id it may hand out again. Commands leave in the order they were
 * emitted. Thread-safe: the event loop holds commands, the log writer releases them.
 */
final class CommandGate {
    private record Held(long seq, String agentId, ObjectNode command) {}

    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Function<String, AgentChannel> channels;

    CommandGate(Function<String, AgentChannel> channels) {
        this.channels = channels;
    }

    /** Holds {@code command} for {@code agentId} until the log is durable up to record {@code seq}. */
    synchronized void hold(long seq, String agentId, ObjectNode command) {
        held.addLast(new Held(seq, agentId, command));
    }

    /** Hands every command whose cause is durable ({@code seq <= durable}) to its agent's mailbox. */
    synchronized void release(long durable) {
        while (!held.isEmpty() && held.peekFirst().seq() <= durable) {
            Held h = held.pollFirst();
            channels.apply(h.agentId()).enqueue(h.command());
        }
    }

    synchronized int size() { return held.size(); }
}
