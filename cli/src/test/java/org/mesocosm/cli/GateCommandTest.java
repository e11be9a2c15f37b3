package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.gate.Comparison;

/** Exit codes and output of 'mesocosm bench gate' on given files (the benchmarks themselves run in the bench module's tests). */
class GateCommandTest {

    static final String REF = Comparison.REFERENCE_BENCHMARK;
    static final String DRF = "org.mesocosm.bench.DrfRoundBench.offerRound";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut, oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private Path file(String name, double refUs, double drfMs) throws Exception {
        String json = "[" + entry(REF, refUs, "us/op") + "," + entry(DRF, drfMs, "ms/op") + "]";
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    private static String entry(String name, double score, String unit) {
        return "{\"benchmark\":\"" + name + "\",\"mode\":\"avgt\",\"params\":{},\"primaryMetric\":{\"score\":" + score
                + ",\"scoreError\":1.0,\"scoreUnit\":\"" + unit + "\"}}";
    }

    private int gate(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "bench";
        all[1] = "gate";
        all[2] = "--no-rerun";
        System.arraycopy(args, 0, all, 3, args.length);
        return Mesocosm.execute(all);
    }

    @Test
    void passesWhenTheMachineNotTheCodeGotSlower() throws Exception {
        Path base = file("base.json", 1000, 100);
        Path now = file("now.json", 1500, 150);
        assertEquals(0, gate("--baseline", base.toString(), "--current", now.toString()));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.matches("(?s).*DrfRoundBench.offerRound +100 ms/op +150 ms/op +1.000 +ok\n.*"), table);
        assertTrue(table.contains("gate: passed"), table);
    }

    @Test
    void failsWithOneOnARegression() throws Exception {
        Path base = file("base.json", 1000, 100);
        Path now = file("now.json", 1000, 130);
        assertEquals(1, gate("--baseline", base.toString(), "--current", now.toString(), "--tolerance", "20%"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("SLOWER"));
        assertEquals(0, gate("--baseline", base.toString(), "--current", now.toString(), "--tolerance", "0.35"));
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path base = file("base.json", 1000, 100);
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "[{\"benchmark\": ");
        assertEquals(2, gate("--baseline", base.toString(), "--current", broken.toString()));
        assertEquals(2, gate("--baseline", dir.resolve("missing.json").toString(), "--current", base.toString()));
        assertEquals(2, gate("--baseline", base.toString(), "--current", base.toString(), "--tolerance", "lots"));
        String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("mesocosm bench gate: error: " + broken + ": not valid JSON"), lines[0]);
        assertTrue(lines[1].contains("missing.json: no such file"), lines[1]);
        assertTrue(lines[2].contains("--tolerance: 'lots' is not a number"), lines[2]);
    }
}
