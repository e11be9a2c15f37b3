package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mesocosm.runtime.security.ClientSecurity;

/**
 * A client that lists several masters waits out an election: the README's walk-through had
 * {@code submit} fail with the standby's 503 ("no leader is known yet") because the client gave
 * up after one round through the list (about 3 s). Two loopback HTTP servers answer as a real
 * replicated master's API does (a standby: 503 during the election, then 307 to the leader; the
 * leader: 201), with the same status codes and headers.
 */
class MasterApiFailoverTest {
    private HttpServer standby;
    private HttpServer leader;

    @AfterEach
    void stop() {
        if (standby != null) standby.stop(0);
        if (leader != null) leader.stop(0);
    }

    @Test
    @Timeout(60)
    void aSubmitDuringAnElectionLongerThanOneRoundWaitsForTheLeader() throws Exception {
        AtomicInteger leaderPosts = new AtomicInteger();
        leader = server(ex -> {
            leaderPosts.incrementAndGet();
            answer(ex, 201, "{\"id\":\"job-1\"}", null);
        });
        URI leaderUrl = url(leader);
        long electedAt = System.nanoTime() + 6_000_000_000L; // an election of 6 s: a loaded machine's, longer than the old client's 3 s
        standby = server(ex -> {
            if (System.nanoTime() < electedAt) answer(ex, 503, "{\"error\":\"this master (m1) is a standby and no leader is known yet\"}", null);
            else answer(ex, 307, "{}", leaderUrl.resolve(ex.getRequestURI().getPath().substring(1)).toString());
        });
        // the leader is listed too, but down until the election ends: only the standby answers at first
        leader.stop(0);
        int leaderPort = leaderUrl.getPort();
        Thread restart = new Thread(() -> {
            try {
                Thread.sleep(5_500);
                leader = HttpServer.create(new InetSocketAddress("127.0.0.1", leaderPort), 0);
                leader.createContext("/", ex -> {
                    leaderPosts.incrementAndGet();
                    answer(ex, 201, "{\"id\":\"job-1\"}", null);
                });
                leader.start();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long t0 = System.nanoTime();
        restart.start();
        MasterApi api = new MasterApi(List.of(url(standby), leaderUrl), ClientSecurity.NONE);
        var answer = api.post("api/v1/jobs", "{}", "application/json");
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        restart.join();
        assertEquals("job-1", answer.path("id").asText());
        assertEquals(1, leaderPosts.get(), "the leader got the job once");
        assertTrue(waitedMs >= 5_500, "answered before the leader was up? " + waitedMs + " ms");
    }

    @Test
    @Timeout(90)
    void itGivesUpAfterItsPatienceWithTheStandbysReason() throws Exception {
        standby = server(ex -> answer(ex, 503, "{\"error\":\"this master (m1) is a standby and no leader is known yet\"}", null));
        HttpServer other = server(ex -> answer(ex, 503, "{\"error\":\"this master (m2) is a standby and no leader is known yet\"}", null));
        try {
            MasterApi api = new MasterApi(List.of(url(standby), url(other)), ClientSecurity.NONE);
            long t0 = System.nanoTime();
            MasterApi.Refused refused = assertThrows(MasterApi.Refused.class, () -> api.post("api/v1/jobs", "{}", "application/json"));
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, refused.status);
            assertTrue(refused.getMessage().contains("no leader is known yet"), refused.getMessage());
            assertTrue(waitedMs >= MasterApi.FAILOVER_PATIENCE.toMillis() && waitedMs < MasterApi.FAILOVER_PATIENCE.toMillis() + 10_000,
                    "gave up after " + waitedMs + " ms");
        } finally {
            other.stop(0);
        }
    }

    private interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private static HttpServer server(Handler h) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            h.handle(ex);
        });
        s.start();
        return s;
    }

    private static URI url(HttpServer s) {
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/");
    }

    private static void answer(HttpExchange ex, int status, String body, String location) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (location != null) ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }
}
