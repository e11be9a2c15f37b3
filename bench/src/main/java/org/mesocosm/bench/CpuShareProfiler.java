package org.mesocosm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Records, for every iteration, the share of the wall-clock time in which the benchmark's JVM was
 * actually running on a core: CPU time of all its threads (the collector's and the compiler's
 * included) over elapsed time. On a shared machine the wall clock also counts the time other
 * processes hold the cores; the gate multiplies each iteration's time per call by this share, which
 * takes most of that out (what remains is the caches and memory bandwidth the neighbours take).
 *
 * <p>On Linux the CPU time is the sum of {@code /proc/self/task/TID/schedstat} (nanoseconds); elsewhere
 * the process CPU time of the operating-system MXBean (often in 10 ms ticks, too coarse for short
 * iterations, so the gate's iterations are 0.1 s and more).
 */
public final class CpuShareProfiler implements InternalProfiler {

    /** Name of the secondary metric in JMH's JSON; the gate reads it by this name. */
    public static final String METRIC = "mesocosm.cpu.share";

    private static final Path TASKS = Path.of("/proc/self/task");

    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM over wall-clock time, per iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallStart = System.nanoTime();
        cpuStart = cpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long cpu = cpuNanos() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        if (cpu <= 0 || wall <= 0) return List.of();
        return List.of(new ScalarResult(METRIC, (double) cpu / wall, "cpu/wall", AggregationPolicy.AVG));
    }

    /** CPU time consumed so far by every thread of this JVM. */
    static long cpuNanos() {
        if (Files.isDirectory(TASKS)) {
            long sum = 0;
            try (Stream<Path> tasks = Files.list(TASKS)) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    try {
                        String s = Files.readString(t.resolve("schedstat"));
                        sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
                    } catch (IOException | RuntimeException e) {
                        // the thread ended between listing and reading: its time is gone from both readings alike
                    }
                }
                return sum;
            } catch (IOException e) {
                // fall through to the MXBean
            }
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
