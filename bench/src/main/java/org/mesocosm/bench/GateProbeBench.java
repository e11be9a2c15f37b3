package org.mesocosm.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.mesocosm.sim.EventQueue;
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
 * The gate's self-test: the event-queue hold model at 10,000 pending events, with the work per
 * operation multiplied by the system property {@value #SLOWDOWN_PROPERTY} (default 1; a
 * fraction such as 1.5 does three hold operations every two calls). A run with
 * {@code -Dmesocosm.bench.slowdown=2} is a deliberately slowed build of the same benchmark,
 * under the same name and parameters, which the gate must flag. Not in the quick subset: it
 * measures nothing the event-queue benchmark does not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class GateProbeBench {

    public static final String SLOWDOWN_PROPERTY = "mesocosm.bench.slowdown";
    static final int PENDING = 10_000;
    static final int INCREMENTS = 1 << 12;

    private EventQueue<Object> queue;
    private long[] increments;
    private int cursor;
    private double slowdown;
    private double owed;

    @Setup(Level.Trial)
    public void setUp() {
        slowdown = Double.parseDouble(System.getProperty(SLOWDOWN_PROPERTY, "1"));
        if (!(slowdown >= 1) || Double.isInfinite(slowdown)) throw new IllegalArgumentException(SLOWDOWN_PROPERTY + " must be >= 1, got " + slowdown);
        SplittableRandom rnd = new SplittableRandom(42);
        queue = new EventQueue<>();
        for (int i = 0; i < PENDING; i++) queue.add(rnd.nextLong(1_000_000_000L), Integer.valueOf(i));
        increments = new long[INCREMENTS];
        for (int i = 0; i < INCREMENTS; i++) increments[i] = 1 + rnd.nextLong(2_000_000L);
    }

    @Benchmark
    public long holdOperation() {
        long now = 0;
        owed += slowdown;
        for (; owed >= 1; owed--) {
            Object payload = queue.poll();
            now = queue.lastPolledTime();
            queue.add(now + increments[cursor++ & (INCREMENTS - 1)], payload);
        }
        return now;
    }
}
