package org.mesocosm.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent mailbox: commands stay until acknowledged, parked polls are answered on arrival or time out, a reset voids. */
class AgentChannelTest {
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor();
    private final AgentChannel ch = new AgentChannel("a1", timeouts);

    @AfterEach
    void stop() {
        timeouts.shutdownNow();
    }

    private static ObjectNode cmd(String task) {
        return JsonNodeFactory.instance.objectNode().put("type", "launch").put("task_id", task);
    }

    private List<ObjectNode> poll(long after, long waitMillis) throws Exception {
        CompletableFuture<List<ObjectNode>> f = new CompletableFuture<>();
        ch.poll(after, waitMillis, f::complete);
        return f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void commandsAreResentUntilAcknowledged() throws Exception {
        ch.enqueue(cmd("t1"));
        ch.enqueue(cmd("t2"));
        List<ObjectNode> first = poll(0, 0);
        assertEquals(List.of(1L, 2L), first.stream().map(c -> c.get("seq").asLong()).toList());
        assertEquals(2, poll(0, 0).size(), "an answer lost on the wire: the same commands again");
        ch.enqueue(cmd("t3"));
        List<ObjectNode> next = poll(2, 0);
        assertEquals(List.of("t3"), next.stream().map(c -> c.get("task_id").asText()).toList());
        assertEquals(1, ch.pendingCount());
    }

    @Test
    void aParkedPollIsAnsweredWhenACommandArrivesOrTimesOut() throws Exception {
        CompletableFuture<List<ObjectNode>> f = new CompletableFuture<>();
        ch.poll(0, 10_000, f::complete);
        ch.enqueue(cmd("t1"));
        assertEquals(1, f.get(5, TimeUnit.SECONDS).size());
        long t0 = System.nanoTime();
        assertEquals(List.of(), poll(1, 100));
        assertEquals(true, System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(90));
    }

    @Test
    void resetVoidsUnacknowledgedCommands() throws Exception {
        ch.enqueue(cmd("t1"));
        long after = ch.reset();
        assertEquals(1, after);
        ch.enqueue(cmd("t2"));
        assertEquals(List.of("t2"), poll(after, 0).stream().map(c -> c.get("task_id").asText()).toList());
    }
}
