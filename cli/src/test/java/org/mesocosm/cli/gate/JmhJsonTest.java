package org.mesocosm.cli.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mesocosm.cli.gate.JmhFixture.e;
import static org.mesocosm.cli.gate.JmhFixture.ref;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhJsonTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatItWritesKeepingJmhFields() throws Exception {
        Path f = JmhFixture.write(dir, "a.json", ref(1000), e(ComparisonTest.DRF, "avgt", 100, "ms/op", "agents=10000", "roles=100"));
        List<JmhResult> r = JmhJson.read(f);
        assertEquals(2, r.size());
        assertEquals(BenchKey.parse(ComparisonTest.DRF + "[agents=10000,roles=100]"), r.get(1).key());
        assertEquals(0.1, r.get(1).secondsPerOp(), 1e-12);
        Path copy = dir.resolve("sub/copy.json");
        JmhJson.write(copy, r);
        assertEquals(r.stream().map(JmhResult::key).toList(), JmhJson.read(copy).stream().map(JmhResult::key).toList());
        assertTrue(Files.readString(copy).contains("\"rawData\""), "raw data survives a merge");
    }

    @Test
    void gateUsesTheBestIteration() throws Exception {
        Path f = dir.resolve("raw.json");
        Files.writeString(f, "[" + raw("a.B.time", "avgt", "ms/op", "[[120.0, 100.0], [150.0]]") + ","
                + raw("a.B.rate", "thrpt", "ops/s", "[[10.0, 40.0, 20.0]]") + "]");
        List<JmhResult> r = JmhJson.read(f);
        assertEquals(0.100, r.get(0).secondsPerOp(), 1e-12, "least time per op");
        assertEquals(1 / 40.0, r.get(1).secondsPerOp(), 1e-12, "most ops per second");
        assertEquals(123.0, r.get(0).score(), "JMH's mean is kept for display");
    }

    private static String raw(String name, String mode, String unit, String rawData) {
        return "{\"benchmark\":\"" + name + "\",\"mode\":\"" + mode + "\",\"primaryMetric\":{\"score\":123.0,\"scoreUnit\":\""
                + unit + "\",\"rawData\":" + rawData + "}}";
    }

    @Test
    void readsARealJmhFile() {
        Path real = Path.of("..", "bench", "results", "drf-round-2026-11-23.json");
        List<JmhResult> r = JmhJson.read(real);
        assertEquals(4, r.size());
        assertEquals("ms/op", r.get(0).unit());
    }

    @Test
    void problemsAreOneLineNamingTheFile() throws Exception {
        Path missing = dir.resolve("nope.json");
        assertEquals(missing + ": no such file", assertThrows(GateInputException.class, () -> JmhJson.read(missing)).getMessage());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "[\n  {\"benchmark\": \"x\",\n  oops\n]");
        String m = assertThrows(GateInputException.class, () -> JmhJson.read(broken)).getMessage();
        assertTrue(m.startsWith(broken + ": not valid JSON at line 3"), m);
        assertTrue(!m.contains("\n"), "one line: " + m);

        Path notArray = dir.resolve("obj.json");
        Files.writeString(notArray, "{\"a\": 1}");
        assertTrue(assertThrows(GateInputException.class, () -> JmhJson.read(notArray)).getMessage().contains("expected a JSON array"));

        Path noScore = dir.resolve("noscore.json");
        Files.writeString(noScore, "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": {\"scoreUnit\": \"ms/op\"}}]");
        assertEquals(noScore + ": result 1 (a.B.c): field 'primaryMetric.score' is not a number",
                assertThrows(GateInputException.class, () -> JmhJson.read(noScore)).getMessage());
    }
}
