package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mesocosm trace inspect} and {@code trace convert} on the real excerpts. */
class TraceCommandTest {

    @Test
    void inspectPrintsTheTableAndWritesAChartPage(@TempDir Path tmp) throws IOException {
        Path html = tmp.resolve("g.html");
        SimulateCommandTest.Run r = SimulateCommandTest.run("trace", "inspect", "google2011:" + RealTraceDirs.of("google2011"), "--html", html.toString());
        assertEquals(0, r.exit(), r.err());
        for (String s : new String[] {"rows", "30,000", "jobs", "1,491 replayed (411 trace jobs)", "tasks", "8,447", "machines", "12,477",
                "time span", "constrained", "usage", "cpu request (cores)", "run time (s)", "queueing delay"}) {
            assertTrue(r.out().contains(s), "'" + s + "' in\n" + r.out());
        }
        String page = Files.readString(html);
        assertTrue(page.contains("8,447"), page.substring(0, 200));
        assertTrue(!page.contains("<svg"), "no hand-drawn SVG: the charts are XChart PNGs as in the run report");
        assertEquals(5, page.split("data:image/png;base64,", -1).length - 1, "one chart per distribution");
    }

    @Test
    void theDefaultChartPageGoesUnderRunsAndMissingDirectoriesAreMade(@TempDir Path tmp) throws IOException {
        picocli.CommandLine.Model.OptionSpec html = new picocli.CommandLine(new TraceInspectCommand()).getCommandSpec().findOption("--html");
        assertEquals("runs/trace-inspect.html", html.fallbackValue(), "runs/ is git-ignored: a bare --html must not litter the checkout");
        Path nested = tmp.resolve("a/b/g.html");
        SimulateCommandTest.Run r = SimulateCommandTest.run("trace", "inspect", "google2011:" + RealTraceDirs.of("google2011"), "--html", nested.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.size(nested) > 0);
    }

    @Test
    void inspectAsJsonHoldsTheSameCountsAsTheTable() throws IOException {
        String trace = "google2011:" + RealTraceDirs.of("google2011");
        SimulateCommandTest.Run r = SimulateCommandTest.run("trace", "inspect", trace, "-o", "json");
        assertEquals(0, r.exit(), r.err());
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(30_000, j.path("rows").asLong(), r.out());
        assertEquals(1_491, j.path("jobs").asLong());
        assertEquals(411, j.path("trace_jobs").asLong());
        assertEquals(8_447, j.path("tasks").asLong());
        assertEquals(12_477, j.path("machines").asLong());
        com.fasterxml.jackson.databind.JsonNode cpu = j.path("distributions").get(0);
        assertEquals("cpu request", cpu.path("name").asText());
        assertEquals(8_447, cpu.path("n").asLong());
        assertTrue(cpu.path("percentiles").path("p50").asDouble() <= cpu.path("percentiles").path("max").asDouble(), cpu.toString());
    }

    @Test
    void convertThenInspectTheBinaryForm(@TempDir Path tmp) throws IOException {
        Path bin = tmp.resolve("swf.mtrace");
        SimulateCommandTest.Run c = SimulateCommandTest.run("trace", "convert", "swf:" + RealTraceDirs.of("swf"), "--out", bin.toString());
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().contains("5,000 rows"), c.out());
        assertTrue(Files.size(bin) > 1000);
        SimulateCommandTest.Run i = SimulateCommandTest.run("trace", "inspect", "bin:" + bin);
        assertEquals(0, i.exit(), i.err());
        assertTrue(i.out().contains("56,262") && i.out().contains("5,000 replayed"), i.out());
    }
}
