package org.mesocosm.bench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlameGraphTest {

    static Map<String, Long> sample() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("Main.main;Sim.run;Cycle.filter", 60L);
        m.put("Main.main;Sim.run;Cycle.score", 30L);
        m.put("Main.main;Log.write", 10L);
        return m;
    }

    @Test
    void framesAreMergedAndBoxWidthsFollowTheSamples() {
        FlameGraph.Node root = FlameGraph.tree(sample());
        assertEquals(100, root.samples);
        assertEquals(4, root.depth()); // all, main, run, filter
        FlameGraph.Node run = root.children.get("Main.main").children.get("Sim.run");
        assertEquals(90, run.samples);

        String svg = FlameGraph.svg(sample(), "t<est>");
        assertTrue(svg.contains("t&lt;est&gt; (100 samples)"), svg);
        assertEquals(FlameGraph.WIDTH * 0.9, width(svg, "Sim.run"), 0.01);
        assertEquals(FlameGraph.WIDTH * 0.6, width(svg, "Cycle.filter"), 0.01);
        assertEquals(FlameGraph.WIDTH * 0.1, width(svg, "Log.write"), 0.01);
        // a callee sits one row above its caller
        assertEquals(y(svg, "Sim.run") - FlameGraph.FRAME_HEIGHT, y(svg, "Cycle.score"), 0.01);
    }

    @Test
    void boxesTooNarrowToSeeAreLeftOut() {
        Map<String, Long> m = sample();
        m.put("Main.main;Tiny.call", 0L);
        m.put("Main.main;Rare.call", 1L);
        String svg = FlameGraph.svg(m, "x");
        assertTrue(svg.contains("Rare.call"));
        m.put("Main.main;Sim.run;Cycle.filter", 10_000_000L);
        assertFalse(FlameGraph.svg(m, "x").contains("Rare.call"));
    }

    @Test
    void topFramesRankOwnSamples() {
        String t = TopFrames.table(sample(), 2);
        assertTrue(t.contains(" 60.0%   60.0%  Cycle.filter"), t);
        assertTrue(t.contains(" 30.0%   30.0%  Cycle.score"), t);
        assertFalse(t.contains("Log.write"), t);
    }

    @Test
    void readsExecutionSamplesFromARealRecording(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("r.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
            r.start();
            long until = System.nanoTime() + 1_500_000_000L;
            double x = 0;
            while (System.nanoTime() < until) x += spin(x);
            r.stop();
            r.dump(jfr);
            assertTrue(x != 42.5);
        }
        Map<String, Long> stacks = JfrStacks.collapse(jfr);
        assertFalse(stacks.isEmpty(), "the recording holds samples");
        assertTrue(stacks.keySet().stream().anyMatch(s -> s.contains("FlameGraphTest.spin")), stacks.keySet().toString());
    }

    static double spin(double x) {
        double s = 0;
        for (int i = 0; i < 100_000; i++) s += Math.sqrt(i + x);
        return s * 1e-12;
    }

    private static double width(String svg, String frame) {
        Matcher m = Pattern.compile("<title>" + Pattern.quote(frame) + " \\([^)]*\\)</title><rect x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"([0-9.]+)\"").matcher(svg);
        assertTrue(m.find(), frame);
        return Double.parseDouble(m.group(1));
    }

    private static double y(String svg, String frame) {
        Matcher m = Pattern.compile("<title>" + Pattern.quote(frame) + " \\([^)]*\\)</title><rect x=\"[0-9.]+\" y=\"([0-9.]+)\"").matcher(svg);
        assertTrue(m.find(), frame);
        return Double.parseDouble(m.group(1));
    }
}
