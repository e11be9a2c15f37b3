package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.security.Tls;

/**
 * Issue 18, finding 6: 1,000 idle TLS connections held the master's 512 request threads and locked
 * everyone out, and a request sent one byte at a time was never cut off. (Loopback only, bounded.)
 */
@Timeout(180)
class ConnectionExhaustionTest {
    @TempDir
    static Path tmp;
    private static LiveCluster c;

    @BeforeAll
    static void start() throws Exception {
        c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    @Test
    void aThousandStalledTlsConnectionsDoNotLockOutALegitimateClient() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                Socket s = new Socket("127.0.0.1", c.server.port());
                // the first byte of a TLS handshake record, and then nothing: the server waits for the rest
                s.getOutputStream().write(0x16);
                s.getOutputStream().flush();
                idle.add(s);
            }
            HttpClient http = c.client(LiveCluster.OPS);
            long t0 = System.nanoTime();
            int status = -1;
            while (System.nanoTime() - t0 < Duration.ofSeconds(60).toNanos()) {
                try {
                    status = http.send(c.request(LiveCluster.OPS, "/api/v1/jobs").timeout(Duration.ofSeconds(20)).GET().build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode();
                    break;
                } catch (java.io.IOException e) {
                    Thread.sleep(500); // refused while every thread is held: try again, as a client would
                }
            }
            long waited = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("ConnectionExhaustionTest: a legitimate client got through after " + waited + " ms next to 1,000 stalled connections");
            assertEquals(200, status, "locked out for " + waited + " ms");
            assertTrue(waited < 30_000, "got in only after " + waited + " ms");
        } finally {
            for (Socket s : idle) s.close();
        }
    }

    @Test
    void aThousandStalledTlsConnectionsFromOneAddressDoNotDelayAnother() throws Exception {
        // All of 127.0.0.0/8 is loopback: the attacker is 127.0.0.1, the legitimate client 127.0.0.3. The stalled handshakes
        // would hold their request threads for the 10 s read timeout; at most --max-requests-per-address (64) of them may.
        // Why the attacker is not 127.0.0.2: the JDK's HTTPS server looks up the host name of every new connection's
        // address (SSLStreams: InetSocketAddress.getHostName) on a request thread before any hook; 127.0.0.1 is in
        // /etc/hosts, any other address is a DNS query to a non-loopback resolver, 1,000 of them under load took seconds.
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                s.connect(new InetSocketAddress("127.0.0.1", c.server.port()), 5_000);
                s.getOutputStream().write(0x16); // the first byte of a TLS handshake record, and then nothing
                s.getOutputStream().flush();
                idle.add(s);
            }
            long t0 = System.nanoTime();
            SSLSocket s = (SSLSocket) Tls.pinned(c.pin).getSocketFactory().createSocket();
            try (s) {
                s.bind(new InetSocketAddress("127.0.0.3", 0));
                s.connect(new InetSocketAddress("127.0.0.1", c.server.port()), 5_000);
                s.setSoTimeout(8_000); // under the 10 s the stalled handshakes would hold their threads (answered in ms when quiet)
                s.startHandshake();
                s.getOutputStream().write(("GET /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
                        + c.security.tokens().get(LiveCluster.OPS) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                long waited = (System.nanoTime() - t0) / 1_000_000;
                System.out.println("ConnectionExhaustionTest: 127.0.0.3 answered in " + waited + " ms next to 1,000 stalled TLS connections from 127.0.0.1");
                assertTrue(statusLine != null && statusLine.startsWith("HTTP/1.1 200"), "127.0.0.3 got " + statusLine);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("127.0.0.3 locked out by 1,000 stalled TLS connections from 127.0.0.1: no answer within 8 s", e);
            }
        } finally {
            for (Socket s : idle) s.close();
        }
    }

    @Test
    void aRequestSentOneBytePerSecondIsCutOff() throws Exception {
        SSLSocket s = (SSLSocket) Tls.pinned(c.pin).getSocketFactory().createSocket("127.0.0.1", c.server.port());
        s.setSoTimeout(1000);
        s.startHandshake();
        byte[] request = ("GET /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + c.security.tokens().get(LiveCluster.OPS)
                + "\r\nX-Padding: " + "a".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        long t0 = System.nanoTime();
        boolean cut = false;
        try {
            for (int i = 0; i < request.length && !cut; i++) {
                out.write(request[i]);
                out.flush();
                try {
                    if (in.read() < 0) cut = true; // the server closed the connection
                } catch (SocketTimeoutException e) {
                    // nothing yet: one byte a second
                }
            }
        } catch (java.io.IOException e) {
            cut = true; // reset by the server
        } finally {
            s.close();
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(cut, "the server waited for all " + request.length + " bytes");
        assertTrue(seconds <= 40, "cut off only after " + seconds + " s");
    }
}
