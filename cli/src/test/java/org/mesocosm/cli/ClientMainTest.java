package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The client entry point answers like the whole CLI, and loads none of its simulation, trace or report classes. */
class ClientMainTest {
    private record Run(int exit, String out, String err) {}

    private static synchronized Run run(Function<String[], Integer> main, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = main.apply(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void clientCommandsAnswerAsThroughTheWholeCli() throws IOException {
        String master = "http://127.0.0.1:" + closedLoopbackPort();
        String spec = Path.of("..", "examples", "batch.json").toString();
        List<String[]> cases = List.of(new String[] {"submit", "--help"}, new String[] {"status", "--help"},
                new String[] {"agents", "--help"}, new String[] {"kill", "--help"}, new String[] {"secret", "put", "--help"},
                new String[] {"status", "--master", master}, new String[] {"kill", "--master", master, "job-1"},
                new String[] {"secret", "list", "--master", master}, new String[] {"submit", "--master", master, spec},
                new String[] {"submit", "--master", master, "no-such-spec.json"}, new String[] {"status", "--no-such-option"},
                new String[] {"--version"}, new String[] {"policies", "--help"});
        for (String[] args : cases) {
            Run client = run(ClientMain::execute, args), whole = run(Mesocosm::execute, args);
            String what = String.join(" ", args);
            assertEquals(whole, client, what);
            assertFalse(client.out().isEmpty() && client.err().isEmpty(), what + ": says nothing");
        }
        Run unreachable = run(ClientMain::execute, "status", "--master", master);
        assertEquals(ExitCodes.UNREACHABLE, unreachable.exit(), unreachable.err());
        assertTrue(unreachable.err().lines().anyMatch(l -> l.startsWith("mesocosm status: error: cannot reach the master")), unreachable.err());
    }

    @Test
    void eachClientCommandIsTheWholeClisCommandOfThatName() {
        var whole = Mesocosm.commandLine().getSubcommands();
        for (var e : ClientMain.COMMANDS.entrySet()) {
            assertTrue(whole.containsKey(e.getKey()), "the whole CLI has no '" + e.getKey() + "'");
            assertEquals(whole.get(e.getKey()).getCommand().getClass(), e.getValue().get().getClass(), e.getKey());
        }
        for (String name : List.of("submit", "status", "agents", "kill", "logs", "secret")) {
            assertTrue(ClientMain.COMMANDS.containsKey(name), "client entry point lacks " + name);
        }
    }

    @Test
    void aClientRunLoadsNoSimulationTraceOrReportClass() throws Exception {
        List<String> client = loadedMesocosmClasses(ClientMain.class.getName());
        assertTrue(client.contains("org.mesocosm.cli.StatusCommand"), client.toString());
        for (String c : client) {
            assertFalse(c.matches("org\\.mesocosm\\.(sim|traces|reports|workloads|policies|cli\\.experiments|cli\\.fgd|cli\\.load)\\..*")
                    || c.equals("org.mesocosm.cli.SimulateCommand") || c.equals("org.mesocosm.cli.TraceCommand"), "a client run loads " + c);
        }
        // the whole CLI does load them: the check above can fail
        assertTrue(loadedMesocosmClasses(Mesocosm.class.getName()).contains("org.mesocosm.cli.SimulateCommand"));
    }

    /** The org.mesocosm classes a fresh JVM loads for 'status --help' through the given entry point. */
    private static List<String> loadedMesocosmClasses(String mainClass) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xshare:auto", "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
                mainClass, "status", "--help").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> classes = new ArrayList<>();
        for (String line : out.split("\n")) {
            int at = line.indexOf("] org.mesocosm.");
            if (at >= 0) classes.add(line.substring(at + 2, line.indexOf(' ', at + 2)));
        }
        return classes;
    }

    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
