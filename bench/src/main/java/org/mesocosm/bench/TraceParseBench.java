package org.mesocosm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mesocosm.traces.TraceFormat;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.bin.BinaryTraceWriter;
import org.mesocosm.traces.google2011.TaskEvent;
import org.mesocosm.traces.io.LineReader;
import org.mesocosm.traces.io.RowException;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading Google 2011 task_events, one core, scores in rows per second (one operation = one row):
 * <ul>
 *   <li>{@code parseTaskEvents}: split and validate every field of every row (the text layer);</li>
 *   <li>{@code replayTaskEvents}: the whole reader, rows in, assembled replay records out (jobs
 *       with run times and recorded delays);</li>
 *   <li>{@code readConverted}: the same trace after {@code trace convert}, decoded back into the
 *       same records, in source rows per second (so the three compare directly).</li>
 * </ul>
 * The input is a generated file of {@link #ROWS} rows ({@link SyntheticTaskEvents}), plain text
 * read from the page cache after the first iteration, so the scores are CPU cost, not disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class TraceParseBench {
    static final int ROWS = 1_000_000;

    private Path dir;
    private Path taskFile;
    private Path converted;

    @Setup
    public void setup() throws IOException {
        dir = Files.createTempDirectory("mesocosm-trace-bench");
        taskFile = SyntheticTaskEvents.write(dir, ROWS, 2011);
        converted = dir.resolve("trace.mtrace");
        try (TraceReader r = TraceFormat.GOOGLE2011.open(dir.resolve("task_events"), TraceOptions.defaults())) {
            BinaryTraceWriter.convert(r, converted);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long parseTaskEvents() throws RowException {
        TaskEvent e = new TaskEvent();
        long sum = 0;
        try (LineReader r = new LineReader(taskFile)) {
            while (r.next()) {
                e.parse(r.buf(), r.start(), r.end());
                sum += e.jobId + e.eventType;
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void replayTaskEvents(Blackhole bh) {
        try (TraceReader r = TraceFormat.GOOGLE2011.open(dir.resolve("task_events"), TraceOptions.defaults())) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) bh.consume(rec);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void readConverted(Blackhole bh) {
        try (TraceReader r = TraceFormat.MESOCOSM.open(converted, TraceOptions.defaults())) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) bh.consume(rec);
        }
    }
}
