package org.mesocosm.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mesocosm.runtime.model.Resources;

/**
 * A load agent against a scripted master that misbehaves on purpose: it launches more than the
 * agent has and launches one task twice. The agent's own checks must catch both, and it must
 * still report every task's start and end, in order, over HTTP.
 */
class LoadAgentTest {
    private final List<String> reports = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger heartbeats = new AtomicInteger();
    private HttpServer server;
    private ScheduledExecutorService clock;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
        if (clock != null) clock.shutdownNow();
    }

    @Test
    @Timeout(30)
    void catchesOverCommitmentAndDoubleLaunchAndReportsInOrder() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::script);
        server.start();
        clock = Executors.newScheduledThreadPool(1);
        Transport t = new Transport(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), null);
        Ledger ledger = new Ledger();
        ledger.acknowledged("j", 2);
        LoadAgent a = new LoadAgent("a1", Resources.of(8000, 1024), t, t.newClient(), ledger, clock, Executors.newFixedThreadPool(2),
                new Latencies()).start();
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (count("FINISHED") < 2 && System.nanoTime() < deadline) Thread.sleep(20);
        } finally {
            a.stop();
        }
        List<String> problems = ledger.problems();
        assertTrue(problems.contains("1 launches over-committed an agent"), problems.toString());
        assertTrue(problems.contains("1 duplicate launches"), problems.toString());
        List<String> got = List.copyOf(reports);
        assertEquals(2, count("FINISHED"), got.toString());
        for (String task : List.of("j.t.0.0", "j.t.1.0")) {
            int running = got.indexOf(task + " RUNNING"), finished = got.indexOf(task + " FINISHED");
            assertTrue(running >= 0 && finished > running, task + " started then ended, in that order: " + got);
        }
        assertEquals(1, a.registrations());
    }

    private long count(String state) {
        synchronized (reports) {
            return reports.stream().filter(r -> r.endsWith(" " + state)).count();
        }
    }

    /** Register; the first heartbeat brings two launches that together need 12 of the agent's 8 cpus, a re-send and a second launch of one task. */
    private void script(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        JsonNode body = Transport.JSON.readTree(ex.getRequestBody().readAllBytes());
        String reply;
        if (path.endsWith("/register")) {
            reply = "{\"agent_id\": \"a1\", \"after\": 0, \"poll_wait_ms\": 100, \"timeout_ms\": 1000}";
        } else if (path.endsWith("/heartbeat")) {
            reply = heartbeats.getAndIncrement() == 0 ? "{\"commands\": [" + launch(1, 0, 6000) + "," + launch(2, 1, 6000) + ","
                    + launch(1, 0, 6000) + "," + launch(3, 0, 6000) + "]}" : "{\"commands\": []}";
            if (heartbeats.get() > 1) sleep(50);
        } else {
            for (JsonNode u : body.path("updates")) reports.add(u.path("task_id").asText() + " " + u.path("state").asText());
            reply = "{\"accepted\": " + body.path("updates").size() + "}";
        }
        byte[] b = reply.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static String launch(int seq, int instance, long cpuM) {
        return "{\"seq\": " + seq + ", \"type\": \"launch\", \"task_id\": \"j.t." + instance + ".0\", \"job_id\": \"j\", \"instance\": " + instance
                + ", \"resources\": {\"cpu_m\": " + cpuM + ", \"mem\": 64}, \"env\": {\"" + LoadJobs.RUN_MS_ENV + "\": \"100\"}}";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
