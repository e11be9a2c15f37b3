package org.mesocosm.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The run the build makes its AppCDS archive of (cli/pom.xml, package phase, {@code -XX:DumpLoadedClassList} then a
 * static dump): every client command once for its help, once against a master that is not there (a loopback port just
 * closed) and once against a loopback stand-in that answers {@code {}} with 200, and a submit that parses a spec, so
 * the archive holds the classes a client run loads: picocli, the command classes, the HTTP client's request and
 * response path, Jackson. Their output is thrown away; what they answer does not matter, only what they load.
 */
public final class ClientArchiveTraining {
    private ClientArchiveTraining() {}

    /** {@code args[0]}, if given: a job spec for the submit. */
    public static void main(String[] args) throws IOException {
        HttpServer answering = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        answering.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        answering.start();
        List<String[]> runs = new ArrayList<>(List.of(
                new String[] {"submit", "--help"}, new String[] {"status", "--help"}, new String[] {"agents", "--help"},
                new String[] {"kill", "--help"}, new String[] {"secret", "list", "--help"}, new String[] {"logs", "--help"}));
        for (String master : List.of("http://127.0.0.1:" + closedLoopbackPort(), "http://127.0.0.1:" + answering.getAddress().getPort())) {
            runs.addAll(List.of(new String[] {"status", "--master", master}, new String[] {"status", "--master", master, "job-1"},
                    new String[] {"agents", "--master", master}, new String[] {"kill", "--master", master, "job-1"},
                    new String[] {"secret", "list", "--master", master}));
            if (args.length > 0) runs.add(new String[] {"submit", "--master", master, args[0]});
        }
        PrintStream out = System.out, err = System.err;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(sink);
        System.setErr(sink);
        try {
            for (String[] run : runs) ClientMain.execute(run);
        } finally {
            System.setOut(out);
            System.setErr(err);
            answering.stop(0);
        }
        out.println("mesocosm: client AppCDS archive trained on " + runs.size() + " client runs");
    }

    /** A loopback port nothing listens on: bound by the system, then closed, so connecting is refused at once. */
    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
