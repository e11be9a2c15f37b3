package org.mesocosm.bench;

import java.util.Comparator;
import java.util.PriorityQueue;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The classic "hold model" for event sets: keep N events pending; each operation polls the
 * earliest and schedules a new one at its time plus an exponentially distributed increment.
 * This is what a simulator's main loop does in steady state.
 *
 * <p>Both benchmarks replay the same pre-filled times and the same increments, so they do the
 * same work. The baseline is what one writes without {@link EventQueue}: a
 * {@code java.util.PriorityQueue} of small (time, seq, payload) records with a comparator on
 * time then seq, one new record per scheduled event.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// A fixed heap keeps GC sizing from differing between the two queues' runs.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EventQueueBench {

    /** Mean of the exponential increments: 1 s, in microseconds. */
    static final double MEAN_INCREMENT_US = 1_000_000;
    // A power of two so the cursor wraps with a mask; large enough that the cycle is not learned.
    static final int INCREMENTS = 1 << 16;
    static final long SEED = 42;

    /** The workload both queues replay; shared so neither queue gets easier numbers. */
    @State(Scope.Thread)
    public static class Hold {
        @Param({"100000", "1000000"})
        public int pending;

        long[] initialTimes;
        long[] increments;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rnd = new SplittableRandom(SEED);
            initialTimes = new long[pending];
            for (int i = 0; i < pending; i++) {
                initialTimes[i] = exponential(rnd);
            }
            increments = new long[INCREMENTS];
            for (int i = 0; i < INCREMENTS; i++) {
                increments[i] = exponential(rnd);
            }
        }

        private static long exponential(SplittableRandom rnd) {
            // 1 - u lies in (0, 1], so the log is finite.
            return (long) (-Math.log(1.0 - rnd.nextDouble()) * MEAN_INCREMENT_US);
        }
    }

    @State(Scope.Thread)
    public static class MesocosmState {
        EventQueue<Object> queue;
        long[] increments;
        int cursor;

        @Setup(Level.Trial)
        public void setUp(Hold hold) {
            queue = new EventQueue<>();
            for (int i = 0; i < hold.pending; i++) {
                queue.add(hold.initialTimes[i], Integer.valueOf(i));
            }
            increments = hold.increments;
        }
    }

    /** The baseline's event: what a simulator without a primitive queue allocates per event. */
    record Event(long time, long seq, Object payload) {}

    static final Comparator<Event> BY_TIME_THEN_SEQ = (a, b) -> {
        int byTime = Long.compare(a.time, b.time);
        return byTime != 0 ? byTime : Long.compare(a.seq, b.seq);
    };

    @State(Scope.Thread)
    public static class PriorityQueueState {
        PriorityQueue<Event> queue;
        long[] increments;
        int cursor;
        long nextSeq;

        @Setup(Level.Trial)
        public void setUp(Hold hold) {
            queue = new PriorityQueue<>(hold.pending, BY_TIME_THEN_SEQ);
            for (int i = 0; i < hold.pending; i++) {
                queue.add(new Event(hold.initialTimes[i], nextSeq++, Integer.valueOf(i)));
            }
            increments = hold.increments;
        }
    }

    @Benchmark
    public long mesocosmQueue(MesocosmState s) {
        EventQueue<Object> q = s.queue;
        Object payload = q.poll();
        long now = q.lastPolledTime();
        q.add(now + s.increments[s.cursor++ & (INCREMENTS - 1)], payload);
        return now;
    }

    @Benchmark
    public long javaPriorityQueue(PriorityQueueState s) {
        Event e = s.queue.poll();
        long now = e.time();
        s.queue.add(new Event(now + s.increments[s.cursor++ & (INCREMENTS - 1)], s.nextSeq++, e.payload()));
        return now;
    }
}
