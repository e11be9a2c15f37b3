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
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mesocosm.runtime.master.FirstFitPolicy;

/**
 * Issue 18, finding 6, the keep-alive gap: the JDK server reads a keep-alive connection's next
 * request on a request thread before the master sees it (no hook counts it), for up to the 10 s
 * read timeout. One address that completed a request on each of many connections, then sent each
 * a few bytes of a next request, held every request thread: another address waited the whole
 * read timeout. The master now keeps at most {@code --max-requests-per-address} connections of one
 * address alive (the rest are answered with {@code Connection: close}), so those stalled next
 * requests hold at most that many threads. Real sockets on loopback: attacker 127.0.0.2, other
 * client 127.0.0.3; a small request pool, so that "every thread" is a handful.
 */
@Timeout(60)
class KeepAliveCapTest {
    @Test
    void stalledNextRequestsOnKeepAliveConnectionsFromOneAddressDoNotDelayAnother() throws Exception {
        int threads = 6, cap = 2, connections = 12;
        AtomicLong clock = new AtomicLong(1_750_000_000_000_000L);
        LiveDriver.Settings settings = LiveDriver.Settings.defaults("first-fit").withAgentTimeout(600_000, 0);
        try (LiveDriver d = new LiveDriver(settings, new FirstFitPolicy(), () -> clock.addAndGet(1000), null).start();
             ApiServer server = new ApiServer(d, new InetSocketAddress("127.0.0.1", 0), 1 << 20).withRequestThreads(threads)
                     .withRequestsPerAddress(cap).start()) {
            List<Socket> attacker = new ArrayList<>();
            try {
                int keptAlive = 0;
                for (int i = 0; i < connections; i++) {
                    Socket s = open("127.0.0.2", server);
                    attacker.add(s);
                    send(s, "GET /api/v1/agents HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); // one whole request, keep-alive (HTTP/1.1's default)
                    String head = answer(s, 3_000);
                    assertTrue(head.startsWith("HTTP/1.1 200"), "request " + i + " from 127.0.0.2: " + head);
                    if (!head.toLowerCase(Locale.ROOT).contains("connection: close")) keptAlive++;
                }
                for (Socket s : attacker) {
                    try {
                        send(s, "GET /api/v1/agents HTTP/1.1\r\nHo"); // the start of a next request, never finished
                    } catch (IOException closed) {
                        // the master closed this one after its answer: nothing holds a thread for it
                    }
                }
                Thread.sleep(500); // every stalled next request is on a request thread by now
                long t0 = System.nanoTime();
                try (Socket s = open("127.0.0.3", server)) {
                    send(s, "GET /api/v1/agents HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                    String head = answer(s, 15_000);
                    long millis = (System.nanoTime() - t0) / 1_000_000;
                    System.out.println("KeepAliveCapTest: 127.0.0.3 had '" + head.lines().findFirst().orElse("no answer") + "' after " + millis + " ms next to " + connections
                            + " stalled keep-alive requests from 127.0.0.2 (" + keptAlive + " kept alive), " + threads + " request threads, cap " + cap);
                    assertTrue(head.startsWith("HTTP/1.1 200"), "127.0.0.3 got no answer in " + millis + " ms: " + head);
                    assertTrue(millis < 3_000, "127.0.0.3 waited " + millis + " ms behind 127.0.0.2's stalled keep-alive requests");
                }
                assertEquals(cap, keptAlive, "connections of 127.0.0.2 kept alive");
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

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    /** The head of one answer, its body read off by its Content-length; "" if none came within the time, the error if the connection was reset. */
    private static String answer(Socket s, int timeoutMillis) throws IOException {
        s.setSoTimeout(timeoutMillis);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) break;
                head.write(c);
            }
        } catch (SocketTimeoutException e) {
            return "";
        } catch (IOException e) {
            return "(" + e.getMessage() + ")"; // reset: dropped without an answer
        }
        String h = head.toString(StandardCharsets.US_ASCII);
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) in.readNBytes(Integer.parseInt(line.substring(15).trim()));
        }
        return h;
    }
}
