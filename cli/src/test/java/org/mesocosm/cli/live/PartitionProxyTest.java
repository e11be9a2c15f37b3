package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The partition proxy of {@link HaPartitionTest} itself, so that it cannot silently pass
 * everything through (or nothing): it forwards, it tells a child process from this JVM by pid,
 * an isolated "master" hears nothing on old and new connections while the others go on, and
 * healing closes the cut connections and lets new ones through.
 */
class PartitionProxyTest {
    /** Echoes lines back; remembers every line that reached it. */
    private static final class Echo implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<String> received = new CopyOnWriteArrayList<>();

        Echo() throws IOException {
            Thread t = new Thread(() -> {
                while (true) {
                    Socket s;
                    try {
                        s = server.accept();
                    } catch (IOException e) {
                        return;
                    }
                    Thread c = new Thread(() -> {
                        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                            PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
                            String line;
                            while ((line = in.readLine()) != null) {
                                received.add(line);
                                out.println(line);
                            }
                        } catch (IOException e) {
                            // closed
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                }
            });
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** A connection from this JVM: a line out, and what came back within {@code millis}. */
    private static final class Line implements AutoCloseable {
        final Socket s;
        final BufferedReader in;
        final PrintWriter out;

        Line(int port) throws IOException {
            s = new Socket(InetAddress.getLoopbackAddress(), port);
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        String send(String text, int millis) throws IOException {
            out.println(text);
            s.setSoTimeout(millis);
            try {
                String line = in.readLine();
                return line == null ? "closed" : "got " + line;
            } catch (SocketTimeoutException e) {
                return "silent";
            }
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    @Test
    @Timeout(120)
    void forwardsTellsProcessesApartBlackholesAnIsolatedMasterAndHeals() throws Exception {
        Assumptions.assumeTrue(ProcSockets.available(), "no /proc/net/tcp here (not Linux): the proxy cannot tell masters apart");
        long[] pids = {-1, ProcessHandle.current().pid(), -1}; // "master" 1 is a child process, "master" 2 this JVM, "master" 3 nobody
        try (Echo echo = new Echo();
             PartitionProxy proxy = new PartitionProxy(new int[] {echo.server.getLocalPort(), echo.server.getLocalPort(), echo.server.getLocalPort()},
                     i -> pids[i])) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), ProxyProbe.class.getName(),
                    Integer.toString(proxy.port(1))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            pids[0] = child.pid(); // known before its JVM is up to connect
            try {
                BufferedReader said = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter tell = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
                assertEquals("connected", said.readLine());
                tell.println("send a");
                assertEquals("got a", said.readLine(), "the proxy forwards");
                assertTrue(proxy.forwarded(0, 1) > 0, "the child's connection counted as m1>m2: " + proxy.report());

                Line fromJvm = new Line(proxy.port(2)); // this JVM ("m2") dials m3
                assertEquals("got b", fromJvm.send("b", 5_000));
                assertTrue(proxy.forwarded(1, 2) > 0, "this JVM's connection counted as m2>m3: " + proxy.report());
                assertEquals(0, proxy.unresolved(), proxy.report());

                proxy.isolate(0);
                tell.println("send c");
                assertEquals("silent", said.readLine(), "an isolated master's existing connection hears nothing");
                assertFalse(echo.received.contains("c"), "a byte from the isolated master got through: " + echo.received);
                assertTrue(proxy.dropped(0, 1) > 0, proxy.report());
                assertEquals("got d", fromJvm.send("d", 5_000), "a connection between two other masters goes on");
                try (Line toIsolated = new Line(proxy.port(0))) { // m2 dials the isolated m1: accepted, then nothing
                    assertEquals("silent", toIsolated.send("e", 1_000));
                    assertFalse(echo.received.contains("e"), "a byte to the isolated master got through: " + echo.received);
                    assertEquals(1, proxy.held(), proxy.report());

                    proxy.heal();
                    assertEquals("closed", toIsolated.send("e2", 5_000), "a connection held in the partition is closed when it heals");
                }
                tell.println("wait");
                assertEquals("closed", said.readLine(), "a connection that lost bytes is closed when the partition heals");
                try (Line again = new Line(proxy.port(0))) {
                    assertEquals("got f", again.send("f", 5_000), "after healing, new connections to m1 go through");
                }
                assertEquals("got g", fromJvm.send("g", 5_000), "the connection that was never cut is still there");
                fromJvm.close();

                pids[1] = -1; // this JVM is no master any more: its connections come from an unknown process
                try (Line unknown = new Line(proxy.port(2))) {
                    assertEquals("got h", unknown.send("h", 5_000));
                }
                assertEquals(1, proxy.unresolved(), proxy.report());
            } finally {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theSocketTableGivesTheOwnerOfAConnectionsOtherEnd() throws Exception {
        Assumptions.assumeTrue(ProcSockets.available(), "no /proc/net/tcp here (not Linux)");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            long self = ProcessHandle.current().pid();
            assertEquals(1, ProcSockets.owner(accepted.getPort(), accepted.getLocalPort(), List.of(-1L, self)));
            assertEquals(-1, ProcSockets.owner(accepted.getPort(), accepted.getLocalPort(), List.of(-1L)), "no candidate holds it");
            assertTrue(ProcSockets.inode(client.getLocalPort(), server.getLocalPort()) > 0);
            assertEquals(-1, ProcSockets.inode(client.getLocalPort(), client.getLocalPort()), "no such connection");
        }
    }
}
