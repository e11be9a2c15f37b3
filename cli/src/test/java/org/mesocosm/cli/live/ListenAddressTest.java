package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 9: a master started without {@code --listen} listens on 127.0.0.1 only (not
 * on every interface), and prints the address it really bound, port included when asked for port 0.
 */
@Timeout(90)
class ListenAddressTest {
    @TempDir
    Path tmp;

    @Test
    void defaultIsLoopbackAndThePrintedAddressIsTheRealOne() throws Exception {
        Path creds = Files.writeString(tmp.resolve("credentials.yaml"), "credentials:\n  - principal: ops\n    token: ops-token-for-listen-test-1\n");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path out = tmp.resolve("master.out");
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "org.mesocosm.cli.Mesocosm",
                "master", "--port", "0", "--credentials", creds.toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            Pattern listening = Pattern.compile("listening on https://([0-9.]+):(\\d+)/");
            Matcher m = null;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline && p.isAlive()) {
                Matcher x = listening.matcher(Files.readString(out));
                if (x.find()) {
                    m = x;
                    break;
                }
                Thread.sleep(50);
            }
            String text = Files.readString(out);
            assertTrue(m != null, "no 'listening on' line: " + text);
            assertTrue(m.group(1).equals("127.0.0.1"), text);
            int port = Integer.parseInt(m.group(2));
            assertTrue(port > 0, "the real port, not the 0 asked for: " + text);
            try (Socket s = new Socket("127.0.0.1", port)) {
                assertTrue(s.isConnected());
            }
            // what the kernel says the listening socket is bound to (no traffic to any other address needed)
            String bound = listeningAddress(port);
            assertTrue(bound.equals("0100007F"), "bound to " + bound + " (hex, little-endian), not 127.0.0.1: " + text);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /**
     * The local address (hex, as /proc/net/tcp writes it; an IPv4 address bound by a dual-stack
     * socket appears v4-mapped in /proc/net/tcp6) of the socket listening on {@code port}.
     */
    private static String listeningAddress(int port) throws Exception {
        String hexPort = String.format("%04X", port);
        boolean any = false;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path tcp = Path.of(table);
            if (!Files.isReadable(tcp)) continue;
            any = true;
            for (String line : Files.readAllLines(tcp)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(":" + hexPort) && f[3].equals("0A")) {
                    String a = f[1].substring(0, f[1].indexOf(':'));
                    return a.startsWith("0000000000000000FFFF0000") ? a.substring(24) : a;
                }
            }
        }
        Assumptions.assumeTrue(any, "needs Linux's /proc/net/tcp");
        throw new AssertionError("no socket listens on port " + port);
    }
}
