package org.mesocosm.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The run the build makes its AppCDS archive of (cli/pom.xml, package phase, {@code -XX:ArchiveClassesAtExit}): every
 * client command once for its help and once against a master that is not there (a loopback port just closed), and a
 * submit that parses a spec, so the archive holds the classes a client run loads: the command classes, the HTTP
 * client, Jackson (not picocli's: class-file version 49, which CDS does not archive). Their output is thrown away; what they answer does not matter, only what they load.
 */
public final class ClientArchiveTraining {
    private ClientArchiveTraining() {}

    /** {@code args[0]}, if given: a job spec for the submit. */
    public static void main(String[] args) throws IOException {
        String master = "http://127.0.0.1:" + closedLoopbackPort();
        List<String[]> runs = new ArrayList<>(List.of(
                new String[] {"submit", "--help"}, new String[] {"status", "--help"}, new String[] {"agents", "--help"},
                new String[] {"kill", "--help"}, new String[] {"secret", "list", "--help"},
                new String[] {"status", "--master", master}, new String[] {"status", "--master", master, "job-1"},
                new String[] {"agents", "--master", master}, new String[] {"kill", "--master", master, "job-1"},
                new String[] {"secret", "list", "--master", master}));
        if (args.length > 0) runs.add(new String[] {"submit", "--master", master, args[0]});
        PrintStream out = System.out, err = System.err;
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(sink);
        System.setErr(sink);
        try {
            for (String[] run : runs) ClientMain.execute(run);
        } finally {
            System.setOut(out);
            System.setErr(err);
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
