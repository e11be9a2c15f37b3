package org.mesocosm.cli;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.cli.security.MasterCertificate;
import org.mesocosm.runtime.security.Fingerprint;
import org.mesocosm.runtime.security.Tls;

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
        HttpServer plain = standIn(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8));
        // the README's master speaks TLS and clients pin its certificate: train that path too
        MasterCertificate cert = MasterCertificate.ephemeral(List.of("127.0.0.1"));
        HttpsServer tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        tls.setHttpsConfigurator(new HttpsConfigurator(Tls.server(cert.key(), cert.chain())));
        standIn(tls);
        List<String[]> runs = new ArrayList<>(List.of(
                new String[] {"submit", "--help"}, new String[] {"status", "--help"}, new String[] {"agents", "--help"},
                new String[] {"kill", "--help"}, new String[] {"secret", "list", "--help"}, new String[] {"logs", "--help"}));
        List<String[]> masters = List.of(new String[] {"--master", "http://127.0.0.1:" + closedLoopbackPort()},
                new String[] {"--master", "http://127.0.0.1:" + plain.getAddress().getPort()},
                new String[] {"--master", "https://127.0.0.1:" + tls.getAddress().getPort(), "--pin", Fingerprint.of(cert.chain()[0])});
        for (String[] master : masters) {
            for (String[] command : List.of(new String[] {"status"}, new String[] {"status", "job-1"}, new String[] {"agents"},
                    new String[] {"kill", "job-1"}, new String[] {"secret", "list"})) {
                runs.add(withMaster(command, master));
            }
            if (args.length > 0) runs.add(withMaster(new String[] {"submit", args[0]}, master));
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
            plain.stop(0);
            tls.stop(0);
        }
        out.println("mesocosm: client AppCDS archive trained on " + runs.size() + " client runs");
    }

    /** {@code server}, started, answering every request with 200 and an empty JSON object. */
    private static <S extends HttpServer> S standIn(S server) {
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** {@code command} (its name first) with the master options after the name: {@code secret list} keeps both words first. */
    private static String[] withMaster(String[] command, String[] master) {
        int names = command[0].equals("secret") ? 2 : 1;
        List<String> all = new ArrayList<>(List.of(command).subList(0, names));
        all.addAll(List.of(master));
        all.addAll(List.of(command).subList(names, command.length));
        return all.toArray(String[]::new);
    }

    /** A loopback port nothing listens on: bound by the system, then closed, so connecting is refused at once. */
    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
