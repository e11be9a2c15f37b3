package org.mesocosm.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The regression gate's yardstick: a fixed plain-Java workload that uses no Mesocosm code, so its
 * cost tracks only the machine (CPU speed, cache, other tenants). The gate divides every other
 * benchmark's cost by this one's from the same run; a slower shared machine slows both and the
 * ratio stays put.
 *
 * <p>One operation sorts a seeded array of 65,536 ints (256 KiB: branchy compares, streaming
 * memory access) and builds and probes a {@code HashMap} of 32,768 boxed entries (allocation,
 * pointer chasing, garbage for the collector). The simulator's benchmarks do both kinds of work,
 * and a loaded machine slows them differently: a contended cache or a collector starved of CPU
 * hurts the allocating half more. The operation is short (a few ms) so that even short
 * iterations hold many of them. Never change the workload: that would shift every normalized score against
 * committed baselines. Make a new reference class and a new baseline instead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReferenceBench {

    static final int SIZE = 1 << 16;
    static final long SEED = 20261123L;

    static final int MAP_ENTRIES = 1 << 15;

    private int[] input;
    private int[] work;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        input = new int[SIZE];
        for (int i = 0; i < SIZE; i++) input[i] = rnd.nextInt();
        work = new int[SIZE];
    }

    @Benchmark
    public long sortAndHash() {
        System.arraycopy(input, 0, work, 0, SIZE);
        Arrays.sort(work);
        HashMap<Integer, Long> map = new HashMap<>();
        for (int i = 0; i < MAP_ENTRIES; i++) map.put(input[i], (long) i);
        long sum = 0;
        for (int i = 0; i < SIZE; i += 2) {
            Long v = map.get(input[i]);
            if (v != null) sum += v;
        }
        return sum + work[SIZE / 2];
    }
}
