package org.mesocosm.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.workloads.ClusterShapes;
import picocli.CommandLine;

/** Points as compare and sweep make them: the same (policy, workload, nodes) gives the same point either way. */
class SweepGridTest {
    static final SweepGrid.Defaults DEFAULTS = new SweepGrid.Defaults("drf", "mixed", 40);

    @Test
    void comparePointsAreThePointsOfAPolicyGrid() {
        List<String> policies = List.of("k8s", "drf");
        List<SweepGrid.Point> compare = SweepGrid.perPolicy(policies, "mixed", 40);
        List<SweepGrid.Point> sweep = SweepGrid.resolve(Grid.parse("policy=k8s,drf"), DEFAULTS);
        assertEquals(2, compare.size());
        for (int i = 0; i < 2; i++) {
            SweepGrid.Point c = compare.get(i), s = sweep.get(i);
            assertEquals(policies.get(i), c.policy());
            assertEquals(s.policy(), c.policy());
            assertEquals(s.workload(), c.workload());
            assertEquals(s.nodes(), c.nodes());
            assertEquals(s.effectiveLoad(), c.effectiveLoad());
            assertTrue(Double.isNaN(c.requestedLoad()));
            assertEquals(s.run(3_600_000_000L), c.run(3_600_000_000L));
        }
    }

    @Test
    void aPointRunsTheWorkloadAtItsOwnLoadOnDefaultNodes() {
        RunPoint run = SweepGrid.perPolicy(List.of("drf"), "mixed", 40).get(0).run(7_000_000L);
        assertEquals(new RunPoint("drf", SyntheticWorkload.scaled("mixed", Double.NaN), 40, ClusterShapes.DEFAULT_NODE, 7_000_000L), run);
    }

    @Test
    void badDefaultsNameTheOption() {
        IllegalArgumentException nodes = assertThrows(IllegalArgumentException.class,
                () -> SweepGrid.perPolicy(List.of("drf"), "mixed", 0));
        assertEquals("--nodes must be at least 1, got 0", nodes.getMessage());
        IllegalArgumentException workload = assertThrows(IllegalArgumentException.class,
                () -> SweepGrid.perPolicy(List.of("drf"), "nope", 10));
        assertTrue(workload.getMessage().startsWith("unknown workload 'nope'"), workload.getMessage());
    }

    @Test
    void aDefaultTheGridOverridesIsNeverChecked() {
        List<SweepGrid.Point> points = SweepGrid.resolve(Grid.parse("nodes=5,10"), new SweepGrid.Defaults("drf", "mixed", 0));
        assertEquals(List.of(5, 10), points.stream().map(SweepGrid.Point::nodes).toList());
    }

    @Test
    void compareAndSweepKeepTheirOwnWordingOfTheSharedOptions() {
        CommandLine root = new CommandLine(new Mesocosm());
        String compare = help(root.getSubcommands().get("compare"));
        String sweep = help(root.getSubcommands().get("sweep"));
        assertTrue(compare.contains("--nodes=<nodes> Cluster size (32-core, 128 GiB nodes). Default: 1000."), compare);
        assertTrue(compare.contains("--workload=<workload> Built-in workload, sized for the cluster. Default: mixed."), compare);
        assertTrue(sweep.contains("--nodes=<nodes> Cluster size when the grid has none. Default: 1000."), sweep);
        assertTrue(sweep.contains("--workload=<workload> Workload when the grid has none. Default: mixed."), sweep);
        assertTrue(compare.contains("--keep-runs Keep every run's directory under OUT/runs (summary. json, tasks.csv, timeline.csv)."), compare);
        assertTrue(sweep.contains("--keep-runs Keep every run's directory under OUT/runs. --max-time"), sweep);
    }

    private static String help(CommandLine command) {
        return command.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
    }
}
