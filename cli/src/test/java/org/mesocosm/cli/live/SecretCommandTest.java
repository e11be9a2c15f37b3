package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mesocosm secret} refuses user mistakes in one line with exit status 2, before talking to any master (4: none there). */
class SecretCommandTest {
    private static final String NOWHERE = "http://127.0.0.1:1";

    @TempDir
    Path tmp;

    private MesocosmProcess.Result run(byte[] stdin, String... args) throws Exception {
        return MesocosmProcess.run(tmp.resolve("logs"), "cli", stdin, args);
    }

    @Test
    void mistakesAreOneLineErrorsWithStatus2() throws Exception {
        MesocosmProcess.Result r = run(null, "secret", "put", "x", "--from-file", tmp.resolve("missing").toString(), "--master", NOWHERE);
        assertEquals(2, r.exit());
        assertEquals("mesocosm secret put: error: " + tmp.resolve("missing") + ": no such file", r.err().trim());

        r = run(new byte[0], "secret", "put", "x", "--from-stdin", "--master", NOWHERE);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("standard input: the value is empty"), r.err());

        r = run(null, "secret", "put", "x", "--master", NOWHERE);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required argument"), r.err());

        Path f = Files.writeString(tmp.resolve("v"), "zq-secret-zq");
        r = run("zq-secret-zq".getBytes(), "secret", "put", "x", "--from-file", f.toString(), "--from-stdin", "--master", NOWHERE);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("mutually exclusive"), r.err());

        r = run(null, "secret", "put", "x", "--from-file", f.toString(), "--master", NOWHERE);
        assertEquals(4, r.exit(), "master unreachable");
        assertTrue(r.err().contains("cannot reach the master"), r.err());
        assertTrue(!r.err().contains("zq-secret-zq"), "the value is not echoed: " + r.err());
    }
}
