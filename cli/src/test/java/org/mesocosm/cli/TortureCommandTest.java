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

    /** Issue 19: three replicated masters; the summary tells failovers per seed with their interval, and a seed replays. */
    @Test
    void haRunsThreeMastersReportsFailoversAndReplaysASeed() {
        SimulateCommandTest.Run r = SimulateCommandTest.run("torture", "--ha", "--seeds", "2", "--start", "3", "--nodes", "4");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("2 seeds from 3 with 3 replicated masters: 2 passed, 0 failed"), r.out());
        assertTrue(r.out().contains("leader-crash=") && r.out().contains("master-partition="), r.out());
        assertTrue(!r.out().contains("torn-write") && !r.out().contains("master-crash"), "single-master faults listed in an HA run: " + r.out());
        assertTrue(r.out().matches("(?s).*per seed, failovers \\(a new master acts\\): [0-9.]+ \\[[0-9.]+, [0-9.]+\\] \\(95% CI, n=2\\).*"), r.out());
        assertTrue(r.err().contains("torture --ha: 2/2 seeds"), "progress on stderr: " + r.err());

        SimulateCommandTest.Run a = SimulateCommandTest.run("torture", "--ha", "--seeds", "1", "--start", "4", "--nodes", "4");
        SimulateCommandTest.Run b = SimulateCommandTest.run("torture", "--ha", "--seeds", "1", "--start", "4", "--nodes", "4");
        assertEquals(0, a.exit(), a.out());
        assertEquals(digest(a.out()), digest(b.out()));
        assertTrue(a.out().contains("n/a (95% CI, n=1)"), "one seed has no interval: " + a.out());
    }

    @Test
    void faultsAreCheckedAgainstTheMode() {
        SimulateCommandTest.Run r = SimulateCommandTest.run("torture", "--ha", "--faults", "leader-crash,master-crash");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("master-crash does not apply with --ha"), r.err());
        r = SimulateCommandTest.run("torture", "--faults", "drop,leader-crash");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("leader-crash needs --ha"), r.err());
    }
}
