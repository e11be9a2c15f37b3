package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The master's mailbox for one agent. The master never calls agents: each agent long-polls its
 * mailbox ({@code GET /api/v1/agents/ID/commands?after=SEQ}). Commands carry a sequence number
 * and stay in the mailbox until a later poll acknowledges them by asking for what comes after,
 * so a response lost on the wire is sent again; agents ignore commands they have already seen.
 * Thread-safe: the event loop puts commands in, HTTP threads take them out.
 */
final class AgentChannel {
    /** Most commands handed out by one poll; the rest wait for the next. */
    static final int MAX_BATCH = 1000;

    final String agentId;
    private final ArrayDeque<ObjectNode> pending = new ArrayDeque<>();
    private final ScheduledExecutorService timeouts;
    private long nextSeq = 1;
    private Parked parked;
    /** Whether the master has this agent up; a poll from an agent that is not gets told to register. */
    private volatile boolean up;
    private volatile long lastSeenNanos;
    /** Set after a master restart: the agent's cursor refers to the old mailbox, so it must register again. */
    private volatile boolean mustRegister;

    private record Parked(long after, Consumer<List<ObjectNode>> reply, ScheduledFuture<?> timeout) {}

    AgentChannel(String agentId, ScheduledExecutorService timeouts) {
        this.agentId = agentId;
        this.timeouts = timeouts;
    }

    boolean isUp() { return up; }

    void setUp(boolean up) { this.up = up; }

    boolean mustRegister() { return mustRegister; }

    void setMustRegister(boolean b) { mustRegister = b; }

    long lastSeenNanos() { return lastSeenNanos; }

    void seen(long nanos) { lastSeenNanos = nanos; }

    /**
     * Voids every command not yet acknowledged (the agent re-registered: launches meant for its
     * previous life must not run) and returns the sequence number it should poll after.
     */
    synchronized long reset() {
        pending.clear();
        replyParked(List.of());
        return nextSeq - 1;
    }

    /**
     * Keeps the commands not yet acknowledged and returns the sequence number to poll after so
     * that they are delivered: for an agent that registers only because the master restarted,
     * whose mailbox holds nothing but what this master life queued for it.
     */
    synchronized long keepPending() {
        replyParked(List.of());
        return pending.isEmpty() ? nextSeq - 1 : pending.peekFirst().get("seq").asLong() - 1;
    }

    synchronized void enqueue(ObjectNode command) {
        command.put("seq", nextSeq++);
        pending.addLast(command);
        if (parked != null) replyParked(batch());
    }

    /**
     * Answers with the commands after {@code after}, at once if there are any, else when one
     * arrives or after {@code waitMillis} with none. A newer poll replaces a parked one.
     */
    synchronized void poll(long after, long waitMillis, Consumer<List<ObjectNode>> reply) {
        while (!pending.isEmpty() && pending.peekFirst().get("seq").asLong() <= after) pending.pollFirst();
        replyParked(List.of());
        if (!pending.isEmpty() || waitMillis <= 0) {
            reply.accept(batch());
            return;
        }
        Parked[] self = new Parked[1];
        ScheduledFuture<?> t = timeouts.schedule(() -> expire(self[0]), waitMillis, TimeUnit.MILLISECONDS);
        self[0] = new Parked(after, reply, t);
        parked = self[0];
    }

    private synchronized void expire(Parked p) {
        if (parked == p && p != null) {
            parked = null;
            p.reply().accept(List.of());
        }
    }

    private void replyParked(List<ObjectNode> commands) {
        Parked p = parked;
        if (p == null) return;
        parked = null;
        p.timeout().cancel(false);
        p.reply().accept(commands);
    }

    private List<ObjectNode> batch() {
        List<ObjectNode> out = new ArrayList<>(Math.min(pending.size(), MAX_BATCH));
        for (ObjectNode c : pending) {
            if (out.size() == MAX_BATCH) break;
            out.add(c);
        }
        return out;
    }

    synchronized int pendingCount() { return pending.size(); }
}
