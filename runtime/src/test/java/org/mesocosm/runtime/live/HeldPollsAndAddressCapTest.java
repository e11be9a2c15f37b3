package org.mesocosm.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mesocosm.runtime.master.FirstFitPolicy;

/**
 * Issue 18, finding 6 (the rest of it): held long-poll heartbeats must not take a request thread
 * each, and one client address must not take every request thread. Real sockets on loopback; the
 * attacker binds 127.0.0.2, the legitimate client 127.0.0.3 (all of 127.0.0.0/8 is loopback on Linux).
 * The request thread pool is made small so that "more than the pool" is a handful of connections.
 */
@Timeout(90)
class HeldPollsAndAddressCapTest {
    private static final String AGENT = "{\"id\":\"%s\",\"resources\":{\"cpu_m\":1000,\"mem\":1024}}";

    private static LiveDriver driver(long pollWaitMillis) throws IOException {
        AtomicLong clock = new AtomicLong(1_750_000_000_000_000L);
        LiveDriver.Settings s = LiveDriver.Settings.defaults("first-fit").withAgentTimeout(600_000, pollWaitMillis);
        return new LiveDriver(s, new FirstFitPolicy(), () -> clock.addAndGet(1000), null).start();
    }

    @Test
    void heldHeartbeatsBeyondThePoolSizeLeaveTheApiResponsive() throws Exception {
        int threads = 4, polls = 12;
        try (LiveDriver d = driver(8_000);
             ApiServer server = new ApiServer(d, new InetSocketAddress("127.0.0.1", 0), 1 << 20).withRequestThreads(threads).start()) {
            for (int i = 0; i < polls; i++) {
                try (Socket s = open("127.0.0.1", server)) {
                    send(s, "POST", "/api/v1/agents/register", AGENT.formatted("a" + i));
                    assertEquals(200, status(s, 5_000), "register a" + i);
                }
            }
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < polls; i++) {
                    Socket s = open("127.0.0.1", server);
                    send(s, "POST", "/api/v1/agents/a" + i + "/heartbeat?after=0", "{}");
                    held.add(s);
                }
                Thread.sleep(500); // every poll is parked by now
                long t0 = System.nanoTime();
                try (Socket s = open("127.0.0.3", server)) {
                    send(s, "GET", "/api/v1/agents", null);
                    assertEquals(200, status(s, 3_000), polls + " held polls on " + threads + " request threads locked the API out");
                }
                System.out.println("HeldPollsAndAddressCapTest: GET answered in " + (System.nanoTime() - t0) / 1_000_000 + " ms next to "
                        + polls + " held polls on " + threads + " request threads");
                for (int i = 0; i < polls; i++) assertEquals(200, status(held.get(i), 15_000), "held poll of a" + i + " was never answered");
            } finally {
                for (Socket s : held) s.close();
            }
        }
    }

    @Test
    void oneAddressWithManySlowRequestsCannotLockOutAnother() throws Exception {
        int threads = 8, cap = 4, slow = 16;
        try (LiveDriver d = driver(0);
             ApiServer server = new ApiServer(d, new InetSocketAddress("127.0.0.1", 0), 1 << 20).withRequestThreads(threads)
                     .withRequestsPerAddress(cap).start()) {
            List<Socket> attacker = new ArrayList<>();
            try {
                for (int i = 0; i < slow; i++) {
                    Socket s = open("127.0.0.2", server);
                    // announces a 100-byte body and sends none: the request thread waits for it
                    s.getOutputStream().write(("POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    attacker.add(s);
                }
                Thread.sleep(500);
                try (Socket s = open("127.0.0.3", server)) {
                    send(s, "GET", "/api/v1/agents", null);
                    assertEquals(200, status(s, 3_000), slow + " slow requests from 127.0.0.2 locked 127.0.0.3 out");
                }
                // beyond the cap the master cuts the connection at once: answering would mean waiting for the announced body
                int cut = 0;
                for (Socket s : attacker) if (closedWithoutAnswer(s, 200)) cut++;
                assertEquals(slow - cap, cut, "requests from 127.0.0.2 beyond the cap of " + cap + " cut at once (the rest still wait for their body)");
                // a request with nothing more to read is answered 429, and its connection closed
                try (Socket s = open("127.0.0.2", server)) {
                    send(s, "GET", "/api/v1/agents", null);
                    assertEquals(429, status(s, 3_000), "a GET from 127.0.0.2 with " + cap + " requests in flight");
                }
            } finally {
                for (Socket s : attacker) s.close();
            }
        }
    }

    private static Socket open(String local, ApiServer server) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
        return s;
    }

    private static void send(Socket s, String method, String target, String body) throws IOException {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n") + "\r\n";
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
    }

    /** True if the server closed the connection (or reset it) within the time, without sending a byte. */
    private static boolean closedWithoutAnswer(Socket s, int timeoutMillis) throws IOException {
        s.setSoTimeout(timeoutMillis);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** The status code of the answer, or -1 if none came within the time or the connection was dropped. */
    private static int status(Socket s, int timeoutMillis) throws IOException {
        s.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            InputStream in = s.getInputStream();
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) line.write(c);
        } catch (SocketTimeoutException e) {
            return -1;
        } catch (IOException e) {
            return -1; // reset
        }
        String[] parts = line.toString(StandardCharsets.US_ASCII).split(" ");
        return parts.length >= 2 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
    }
}
