package org.mesocosm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.cli.experiments.Grid;

/** Runs the job on Spark local[2] with 3 attempts per task, against `mesocosm sweep` on the same grid. */
class SparkSweepTest {
    private static final String GRID = "policy=drf;nodes=40,60;load=0.5,0.9";
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = new JavaSparkContext(new SparkConf().setAppName("mesocosm-sweep-test").setMaster("local[2,3]")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        if (sc != null) sc.close();
    }

    @Test
    void sparkWritesTheSameSweepCsvAsTheLocalSweep(@TempDir Path dir) throws Exception {
        Path sparkOut = dir.resolve("spark");
        Path localOut = dir.resolve("local");
        assertEquals(0, SparkSweepJob.execute(sc, "--grid", GRID, "--seeds", "2", "--max-time", "2d", "--out", sparkOut.toString()));
        assertEquals(0, Mesocosm.execute("sweep", "--grid", GRID, "--seeds", "2", "--max-time", "2d", "--threads", "2", "--quiet",
                "--out", localOut.toString()));

        byte[] local = Files.readAllBytes(localOut.resolve("sweep.csv"));
        byte[] spark = Files.readAllBytes(sparkOut.resolve("sweep.csv"));
        assertArrayEquals(local, spark, () -> "local:\n" + new String(local) + "\nspark:\n" + new String(spark));
        List<String> lines = Files.readAllLines(sparkOut.resolve("sweep.csv"));
        assertEquals(1 + 8, lines.size());
        assertTrue(lines.get(1).startsWith("drf,mixed,40,0.5,1,ok,"), lines.get(1));
        assertTrue(lines.get(8).startsWith("drf,mixed,60,0.9,2,ok,"), lines.get(8));
        assertEquals(8, lines.stream().skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1)).distinct().count(),
                "every simulation has its own event log digest");
    }

    @Test
    void aFailedAttemptIsRetriedAndChangesNothing() throws Exception {
        List<SweepTask> tasks = tasks("nodes=30", 2);
        SimulationTask real = new SimulationTask();
        List<SweepRow> viaSpark = SparkSweep.run(sc, tasks, new FailsFirstAttempt(real, 1), System.err);
        List<SweepRow> inProcess = new ArrayList<>();
        for (SweepTask t : tasks) inProcess.add(real.run(t));
        assertEquals(inProcess, viaSpark);
    }

    @Test
    void aSimulationThatAlwaysFailsIsReportedByPointAndNothingIsWritten(@TempDir Path dir) {
        List<SweepTask> tasks = tasks("nodes=30,31", 1);
        TaskRunner broken = t -> {
            if (t.index() == 1) throw new IllegalStateException("injected fault");
            return new SweepRow(t.index(), List.of(), "");
        };
        SparkSweep.PointFailedException e = assertThrows(SparkSweep.PointFailedException.class,
                () -> SparkSweep.run(sc, tasks, broken, System.err));
        assertTrue(e.getMessage().startsWith("simulation #1 (policy=drf workload=mixed nodes=31 load=0.7 seed=1) failed 3 times"), e.getMessage());
        assertTrue(e.getMessage().contains("injected fault"), e.getMessage());

        int status = SparkSweepJob.execute(sc, broken, "--grid", "nodes=30,31", "--seeds", "1", "--out", dir.toString());
        assertEquals(1, status);
        assertFalse(Files.exists(dir.resolve("sweep.csv")));
    }

    @Test
    void badInputStopsBeforeSparkRunsAnything(@TempDir Path dir) {
        assertEquals(2, SparkSweepJob.execute(sc, "--grid", "nodes=50,abc", "--out", dir.toString()));
        assertEquals(2, SparkSweepJob.execute(sc, "--grid", "colour=red", "--out", dir.toString()));
        assertEquals(2, SparkSweepJob.execute(sc, "--grid", "policy=nosuch", "--out", dir.toString()));
        assertEquals(2, SparkSweepJob.execute(sc, "--grid", "nodes=5", "--seeds", "0", "--out", dir.toString()));
        assertFalse(Files.exists(dir.resolve("sweep.csv")));
    }

    private static List<SweepTask> tasks(String grid, int seeds) {
        return SweepPlan.tasks(Grid.parse(grid), new SweepPlan.Defaults("drf", "mixed", 40), SweepPlan.seeds(seeds, 1), 2 * 86_400_000_000L);
    }

    /** Throws on the first attempt of one task, as a lost executor or a bad node would. */
    private record FailsFirstAttempt(TaskRunner inner, int index) implements TaskRunner {
        @Override
        public SweepRow run(SweepTask task) throws Exception {
            if (task.index() == index && TaskContext.get().attemptNumber() == 0) throw new IllegalStateException("injected first-attempt fault");
            return inner.run(task);
        }
    }
}
