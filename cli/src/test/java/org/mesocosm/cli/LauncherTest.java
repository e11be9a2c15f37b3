package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./mesocosm launcher builds the JMH jar only when a bench command will run benchmarks. */
class LauncherTest {

    private static String plan(Path missingBenchJar, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", Path.of("..", "mesocosm").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MESOCOSM_LAUNCHER_PLAN", "1");
        pb.environment().put("MESOCOSM_BENCH_JAR", missingBenchJar.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void benchHelpDoesNotBuildTheBenchmarkJar(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("benchmarks.jar");
        assertEquals("build bench", plan(missing, "bench", "--quick"), "a real bench run needs the JMH jar");
        for (String[] help : new String[][] {{"bench", "--help"}, {"bench", "-h"}, {"bench", "gate", "--help"}, {"help", "bench"},
                {"bench", "--version"}}) {
            String plan = plan(missing, help);
            assertEquals(false, plan.equals("build bench"), String.join(" ", help) + ": " + plan);
        }
    }
}
