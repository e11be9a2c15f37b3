package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The torture command as a user meets it. */
class TortureCommandTest {

    private static String digest(String out) {
        Matcher m = Pattern.compile("event-log digest ([0-9a-f]{64})").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    @Test
    void runsSeedsReportsFaultsAndReplaysASeedWithTheSameDigest(@TempDir Path tmp) throws Exception {
        SimulateCommandTest.Run r = SimulateCommandTest.run("torture", "--seeds", "3", "--start", "11", "--nodes", "4");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("3 seeds from 11: 3 passed, 0 failed"), r.out());
        assertTrue(r.out().contains("faults survived: delay="), r.out());
        assertTrue(r.err().contains("torture: 3/3 seeds"), "progress on stderr: " + r.err());

        Path trace = tmp.resolve("trace.txt");
        SimulateCommandTest.Run a = SimulateCommandTest.run("torture", "--seeds", "1", "--start", "12", "--nodes", "4", "--trace", trace.toString());
        SimulateCommandTest.Run b = SimulateCommandTest.run("torture", "--seeds", "1", "--start", "12", "--nodes", "4");
        assertEquals(0, a.exit(), a.out());
        assertEquals(digest(a.out()), digest(b.out()));
        assertTrue(Files.readString(trace).contains("Launch["), "the trace shows the master's commands");
    }

    @Test
    void badOptionsAreOneLineErrorsWithExitTwo() {
        SimulateCommandTest.Run r = SimulateCommandTest.run("torture", "--faults", "drop,meteor");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown fault 'meteor'"), r.err());
        r = SimulateCommandTest.run("torture", "--nodes", "0..3");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--nodes"), r.err());
        r = SimulateCommandTest.run("torture", "--seeds", "0");
        assertEquals(2, r.exit());
    }
}
