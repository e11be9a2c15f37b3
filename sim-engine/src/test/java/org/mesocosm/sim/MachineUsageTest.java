package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mesocosm.runtime.model.Resources;
import org.junit.jupiter.api.Test;

/** The simulated machine's capacity rules on hand-built machines: OOM kills and CPU stretch. */
class MachineUsageTest {
    static final long S = 1_000_000L;

    static SimAgent machine(long cpu, long mem) {
        SimAgent a = new SimAgent("m", Resources.of(cpu, mem), Map.of(), 50);
        a.up = true;
        return a;
    }

    static long seq;

    /** A task whose current usage is set by hand (no draws). */
    static RunningTask task(String id, long reqCpu, long reqMem, long useCpu, long useMem, int priority, boolean reclaimed) {
        RunningTask t = new RunningTask(id, Resources.of(reqCpu, reqMem), Resources.of(useCpu, useMem), priority, reclaimed, seq++,
                new SplittableRandom(1), 0, 100 * S, false);
        t.cpuUsage = useCpu;
        t.memUsage = useMem;
        return t;
    }

    @Test
    void memoryOverTheMachineKillsTheReclaimedTaskNotTheGuaranteedOne() {
        SimAgent a = machine(4000, 1000);
        a.start(task("prod", 1000, 600, 500, 600, 300, false));
        a.start(task("reclaimed", 1000, 600, 500, 500, 0, true));
        assertEquals(1100, a.memUsage);
        List<RunningTask> victims = a.oomVictims();
        assertEquals(List.of("reclaimed"), victims.stream().map(t -> t.id).toList());
        assertEquals(600, a.memUsage);
        assertTrue(a.tasks.containsKey("prod"));
    }

    @Test
    void victimsGoLowestPriorityFirstThenNewestAndOnlyAsManyAsNeeded() {
        SimAgent a = machine(8000, 1000);
        a.start(task("g", 1000, 400, 100, 400, 50, false));
        a.start(task("r-old-low", 1000, 250, 100, 200, 10, true));
        a.start(task("r-high", 1000, 250, 100, 200, 100, true));
        a.start(task("r-new-low", 1000, 250, 100, 200, 10, true));
        a.start(task("r-high-2", 1000, 250, 100, 150, 100, true));
        assertEquals(1150, a.memUsage);
        // 150 MiB too much: the newest of the two lowest-priority reclaimed tasks is enough
        assertEquals(List.of("r-new-low"), a.oomVictims().stream().map(t -> t.id).toList());
        assertEquals(950, a.memUsage);
        assertEquals(4, a.tasks.size());
    }

    @Test
    void memoryExactlyAtCapacityKillsNothing() {
        SimAgent a = machine(4000, 1000);
        a.start(task("a", 1000, 600, 500, 600, 300, false));
        a.start(task("b", 1000, 600, 500, 400, 0, true));
        assertEquals(1000, a.memUsage);
        assertEquals(List.of(), a.oomVictims());
        assertEquals(2, a.tasks.size());
    }

    @Test
    void cpuOverCapacitySlowsEveryTaskProportionally() {
        SimAgent a = machine(4000, 100_000);
        a.start(task("a", 3000, 10, 3000, 10, 100, false));
        assertEquals(1.0, a.cpuRate());
        a.start(task("b", 3000, 10, 2000, 10, 0, true));
        assertEquals(4000.0 / 5000, a.cpuRate(), 1e-12, "5 cores used on 4: every task runs at 0.8");
        a.stop("b");
        assertEquals(1.0, a.cpuRate());
    }

    @Test
    void stretchMovesTheEndByTheWorkLeftOverTheNewRate() {
        RunningTask t = new RunningTask("t", Resources.of(1000, 10), null, 0, false, 0, new SplittableRandom(1), 0, 100 * S, false);
        assertEquals(100 * S, t.endAt());
        // half the work done at full speed, then half speed: the other 50 s of work take 100 s
        assertEquals(150 * S, t.changeRate(50 * S, 0.5));
        // 20 s later at half speed 10 s more are done; 40 s left at full speed again
        assertEquals(110 * S, t.changeRate(70 * S, 1.0));
        assertEquals(40 * S, t.workLeftAt(70 * S), 1e-6);
        // a rate that does not divide evenly rounds up: never ends before its work is done
        assertEquals(70 * S + (long) Math.ceil(40 * S / 0.3), t.changeRate(70 * S, 0.3));
    }

    @Test
    void usageStaysWithinTheRequestAndItsMeanFollowsTheDeclaredUsage() {
        UsageModel m = UsageModel.DEFAULT;
        RunningTask t = new RunningTask("t", Resources.of(1000, 1000), Resources.of(400, 400), 0, false, 0,
                new SplittableRandom(42), 0, -1, false);
        double sum = 0;
        int n = 20_000, bursts = 0;
        for (int i = 0; i < n; i++) {
            m.step(t);
            assertTrue(t.memUsage >= 0 && t.memUsage <= 1000 && t.cpuUsage <= 1000, "usage within the request: " + t.memUsage);
            if (t.memUsage == 1000) bursts++;
            sum += t.memUsage;
        }
        // expected mean: 0.9 x 400 + 0.1 x 1000 = 460 MiB (a uniform factor of mean 1 below the bursts)
        assertEquals(460, sum / n, 5);
        assertEquals(0.1, bursts / (double) n, 0.01);
    }
}
