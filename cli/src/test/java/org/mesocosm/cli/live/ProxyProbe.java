package org.mesocosm.cli.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A process of its own for {@link PartitionProxyTest}: it dials a port and, told on stdin, sends a
 * line and says on stdout whether it came back ("got X"), nothing came ("silent") or the connection
 * closed ("closed"). The proxy must tell this process from the test's JVM by its pid.
 */
public final class ProxyProbe {
    private ProxyProbe() {}

    public static void main(String[] args) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
             BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
            System.out.println("connected");
            System.out.flush();
            String c;
            while ((c = commands.readLine()) != null && !c.equals("quit")) {
                int millis = 1500;
                if (c.startsWith("send ")) out.println(c.substring(5));
                else millis = 10_000; // "wait": for the connection to close
                s.setSoTimeout(millis);
                String answer;
                try {
                    String line = in.readLine();
                    answer = line == null ? "closed" : "got " + line;
                } catch (SocketTimeoutException e) {
                    answer = "silent";
                } catch (IOException e) {
                    answer = "closed";
                }
                System.out.println(answer);
                System.out.flush();
            }
        }
    }
}
