package org.mesocosm.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input to the experiment commands: one line naming the fault, exit 2, no stack trace, before any run starts. */
class BadInputTest {
    @TempDir
    static Path tmp;

    record Case(String name, String[] args, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        String out = tmp.resolve("bad").toString();
        return Stream.of(
                c("unknown policy", "unknown policy 'nope'", "compare", "--policies", "drf,nope", "--out", out),
                c("bad policy parameter", "tasks-per-offer", "compare", "--policies", "drf,drf:tasks-per-offer=x", "--out", out),
                c("one policy", "at least two policies", "compare", "--policies", "drf", "--out", out),
                c("policy twice", "listed twice", "compare", "--policies", "drf,drf", "--out", out),
                c("one seed", "--seeds must be at least 2", "compare", "--policies", "drf,drf:interval=2s", "--seeds", "1", "--out", out),
                c("unknown workload", "unknown workload 'nope'", "compare", "--policies", "drf,drf:interval=2s", "--workload", "nope", "--out", out),
                c("bad max time", "not a duration", "compare", "--policies", "drf,drf:interval=2s", "--max-time", "soon", "--out", out),
                c("unknown grid key", "unknown grid key 'color'", "sweep", "--grid", "color=red", "--out", out),
                c("grid nodes", "grid key 'nodes': 'many'", "sweep", "--grid", "nodes=10,many", "--out", out),
                c("grid load", "grid key 'load': '2x'", "sweep", "--grid", "load=0.5,2x", "--out", out),
                c("grid key twice", "appears twice", "sweep", "--grid", "nodes=10;nodes=20", "--out", out),
                c("grid without =", "is not key=v1,v2", "sweep", "--grid", "nodes", "--out", out),
                c("unknown slo metric", "unknown metric 'latency'", "plan", "--slo", "latency<5s", "--out", out),
                c("bad slo value", "not a valid threshold", "plan", "--slo", "sched_latency_p99<fast", "--out", out),
                c("slo without operator", "is not METRIC<VALUE", "plan", "--slo", "sched_latency_p99=5s", "--out", out),
                c("only an upper-bound slo", "add one that needs capacity", "plan", "--slo", "cpu_utilization>0.6", "--out", out),
                c("bad node shape", "node shape '32cores'", "plan", "--slo", "sched_latency_p99<5s", "--node-shapes", "32cores", "--out", out));
    }

    private static Arguments c(String name, String expected, String... args) {
        return Arguments.of(new Case(name, args, expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneLineExitTwo(Case c) {
        Cli.Result r = Cli.run(c.args());
        assertEquals(2, r.exit(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + r.err());
        assertTrue(lines[0].startsWith("mesocosm " + c.args()[0] + ": error: "), lines[0]);
        assertTrue(lines[0].contains(c.expected()), lines[0]);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }
}
