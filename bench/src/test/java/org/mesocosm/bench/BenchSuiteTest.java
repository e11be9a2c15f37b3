package org.mesocosm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mesocosm.cli.gate.BenchKey;
import org.mesocosm.cli.gate.Comparison;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/** Catches a mistyped line in the quick subset before a 3-minute run does. */
class BenchSuiteTest {

    @Test
    void referenceIsTheOneTheGateLooksFor() {
        assertEquals(Comparison.REFERENCE_BENCHMARK, BenchSuite.REFERENCE.key().benchmark());
    }

    @Test
    void everyQuickEntryNamesABenchmarkAndItsParameters() throws Exception {
        List<BenchKey> all = new ArrayList<>();
        for (BenchSuite.Entry e : BenchSuite.known()) all.add(e.key());
        assertEquals(all.size(), new HashSet<>(all).size(), "duplicate entries");
        for (BenchKey k : all) {
            int dot = k.benchmark().lastIndexOf('.');
            Class<?> c = Class.forName(k.benchmark().substring(0, dot));
            Method m = Arrays.stream(c.getMethods()).filter(x -> x.getName().equals(k.benchmark().substring(dot + 1))).findFirst()
                    .orElseThrow(() -> new AssertionError(k + ": no such method"));
            assertTrue(m.isAnnotationPresent(Benchmark.class), k + " is not a @Benchmark");
            Set<String> params = new HashSet<>();
            collectParams(c, params);
            for (Class<?> p : m.getParameterTypes()) collectParams(p, params);
            for (Class<?> inner : c.getDeclaredClasses()) collectParams(inner, params);
            for (var e : k.params().entrySet()) {
                assertTrue(params.contains(e.getKey()), k + ": no @Param named " + e.getKey() + " (has " + params + ")");
            }
        }
    }

    @Test
    void issueSevenSubsetIsGated() {
        List<String> classes = BenchSuite.QUICK.stream().map(e -> e.key().benchmark().replaceAll("\\.[^.]+$", "")).toList();
        for (Class<?> c : List.of(EventQueueBench.class, DrfRoundBench.class, PodCycleBench.class, TraceParseGateBench.class, SimulationBench.class)) {
            assertTrue(classes.contains(c.getName()), c.getSimpleName() + " is not in the quick subset: " + classes);
        }
    }

    private static void collectParams(Class<?> c, Set<String> into) {
        for (Field f : c.getDeclaredFields()) {
            if (f.isAnnotationPresent(Param.class)) into.add(f.getName());
        }
    }
}
