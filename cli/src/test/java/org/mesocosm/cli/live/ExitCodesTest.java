package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.ExitCodes;
import org.mesocosm.cli.Mesocosm;

/**
 * The documented exit codes against a real master on loopback: 2 usage, 4 unreachable, 5 refused
 * (401 and 403), 6 not found; every error names the real command and carries no library internals.
 */
class ExitCodesTest {
    @TempDir
    Path tmp;

    record Run(int exit, String err) {}

    static synchronized Run run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Mesocosm.execute(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void eachFailureHasItsDocumentedCode() throws Exception {
        try (LiveCluster c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()))) {
            Path token = Files.writeString(tmp.resolve("ops.token"), c.security.tokens().get(LiveCluster.OPS) + "\n");
            Path wrong = Files.writeString(tmp.resolve("wrong.token"), "not-a-token-of-this-master-0001\n");
            String[] login = {"--master", c.url.toString(), "--pin", c.pin, "--token-file", token.toString()};

            Run r = run(ApiBadInputTest.args(login, "secret", "rm", "never-stored"));
            assertEquals(ExitCodes.NOT_FOUND, r.exit(), r.err());
            assertTrue(r.err().startsWith("mesocosm secret rm: error: "), r.err());

            r = run(ApiBadInputTest.args(login, "status", "no-such-job"));
            assertEquals(ExitCodes.NOT_FOUND, r.exit(), r.err());

            r = run("agents", "--master", c.url.toString(), "--pin", c.pin, "--token-file", wrong.toString());
            assertEquals(ExitCodes.REFUSED, r.exit(), "401: " + r.err());
            assertTrue(r.err().startsWith("mesocosm agents: error: "), r.err());

            r = run("agents", "--master", c.url.toString(), "--pin", c.pin);
            assertEquals(ExitCodes.REFUSED, r.exit(), "anonymous: " + r.err());

            Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"kind\": \"batch\", \"tasks\": [ {\"command\": \"a\" \n");
            r = run(ApiBadInputTest.args(login, "submit", bad.toString()));
            assertEquals(ExitCodes.USAGE, r.exit(), r.err());
            assertTrue(r.err().contains(bad + ": "), r.err());
            assertFalse(r.err().contains("[Source") || r.err().contains("StreamReadFeature"), "no Jackson internals: " + r.err());
            assertTrue(r.err().contains("line 1, column"), r.err());

            r = run(ApiBadInputTest.args(login, "submit", tmp.resolve("missing.json").toString()));
            assertEquals(ExitCodes.USAGE, r.exit(), r.err());
            assertTrue(r.err().contains("missing.json: no such file"), r.err());
        }
        Run gone = run("status", "--master", "http://127.0.0.1:1");
        assertEquals(ExitCodes.UNREACHABLE, gone.exit(), gone.err());
    }

    @Test
    void usageErrorsNameTheRealCommand() {
        Run r = run("--bogus");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().startsWith("mesocosm: error: Unknown option: '--bogus'"), r.err());
        assertFalse(r.err().contains("mesocosm mesocosm"), r.err());

        r = run("secret", "put", "x", "--bogus");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().startsWith("mesocosm secret put: error: "), r.err());
        assertTrue(r.err().contains("Try 'mesocosm secret put --help'"), r.err());

        r = run("bench", "gate", "--baseline", "no-such-baseline.json", "--current", "no-such-current.json");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().startsWith("mesocosm bench gate: error: no-such-baseline.json: no such file"), r.err());
    }
}
