package org.mesocosm.bench;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mesocosm.traces.TraceFormat;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The regression gate's trace benchmark: the whole {@code google2011} reader (split and validate
 * every field, assemble jobs with run times and recorded delays) over a generated task_events
 * file of {@link #ROWS} rows, in rows per second. {@link TraceParseBench} measures the same
 * paths on a million rows; this one is a tenth of the size so the gate's forks stay short, and
 * its file is generated once per machine (seeded, so the bytes never change) and reused by
 * every fork instead of being written again for each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class TraceParseGateBench {
    static final int ROWS = 100_000;
    static final long SEED = 2011;

    private Path taskEvents;

    @Setup
    public void setup() throws IOException {
        taskEvents = cachedTrace(ROWS, SEED).resolve("task_events");
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void replayTaskEvents(Blackhole bh) {
        try (TraceReader r = TraceFormat.GOOGLE2011.open(taskEvents, TraceOptions.defaults())) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) bh.consume(rec);
        }
    }

    /** The directory holding {@code task_events/}, generated on first use into java.io.tmpdir and moved into place whole. */
    static Path cachedTrace(int rows, long seed) throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mesocosm-bench-trace-" + rows + "-" + seed);
        if (Files.isDirectory(dir)) return dir;
        Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp");
        try {
            SyntheticTaskEvents.write(tmp, rows, seed);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // another fork won the race (or the file system cannot rename atomically): use what is there
            deleteTree(tmp);
            if (!Files.isDirectory(dir)) throw e;
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        return dir;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
