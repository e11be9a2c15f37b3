package org.mesocosm.traces.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.mesocosm.traces.TraceFormat;

/**
 * Fuzzes every trace reader, plain and gzip (see {@link FuzzFrames} for how an input becomes
 * files), and the binary form {@code trace convert} writes. In a normal build Jazzer runs each
 * target over its committed corpus ({@code src/test/resources/.../TraceReadersFuzzTestInputs/NAME});
 * with {@code JAZZER_FUZZ=1} it fuzzes one target (see {@code docs/fuzzing.md}). Each input must
 * finish within the timeout: a hang is a finding.
 */
class TraceReadersFuzzTest {
    private static final Path ROOT = tempRoot();

    private static Path tempRoot() {
        try {
            // memory-backed where there is one: every input writes its trace's files afresh
            Path shm = Path.of("/dev/shm");
            Path root = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "mesocosm-fuzz-")
                    : Files.createTempDirectory("mesocosm-fuzz-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> TraceCheck.delete(root)));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** task_events, machine_events, task_usage, job_events of a clusterdata-2011-2 trace. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void google2011(byte[] data) {
        Path dir = TraceCheck.scratch(ROOT.resolve("g11"));
        List<byte[]> parts = FuzzFrames.split(data, 4);
        String[] tables = {"task_events", "machine_events", "task_usage", "job_events"};
        for (int i = 0; i < tables.length; i++) {
            if (i == 0 || parts.get(i).length > 0) TraceCheck.write(dir.resolve(tables[i]).resolve("part-00000-of-00001.csv"), parts.get(i));
        }
        TraceCheck.readAll(TraceFormat.GOOGLE2011, dir, dir, TraceCheck.options(data));
    }

    /** instance_events, collection_events, machine_events, machine_attributes as JSON lines. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void google2019(byte[] data) {
        Path dir = TraceCheck.scratch(ROOT.resolve("g19"));
        List<byte[]> parts = FuzzFrames.split(data, 4);
        String[] tables = {"instance_events", "collection_events", "machine_events", "machine_attributes"};
        for (int i = 0; i < tables.length; i++) {
            if (i == 0 || parts.get(i).length > 0) TraceCheck.write(dir.resolve(tables[i]).resolve("part-000.json"), parts.get(i));
        }
        TraceCheck.readAll(TraceFormat.GOOGLE2019, dir, dir, TraceCheck.options(data));
    }

    /** batch_task, batch_instance, machine_meta, container_meta of cluster-trace-v2018. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void alibaba2018(byte[] data) {
        Path dir = TraceCheck.scratch(ROOT.resolve("ali"));
        List<byte[]> parts = FuzzFrames.split(data, 4);
        String[] tables = {"batch_task", "batch_instance", "machine_meta", "container_meta"};
        for (int i = 0; i < tables.length; i++) {
            if (i == 0 || parts.get(i).length > 0) TraceCheck.write(dir.resolve(tables[i]).resolve(tables[i] + ".csv"), parts.get(i));
        }
        TraceCheck.readAll(TraceFormat.ALIBABA2018, dir, dir, TraceCheck.options(data));
    }

    /** One Standard Workload Format file. */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void swf(byte[] data) {
        Path dir = TraceCheck.scratch(ROOT.resolve("swf"));
        Path f = dir.resolve("trace.swf");
        TraceCheck.write(f, FuzzFrames.split(data, 1).get(0));
        TraceCheck.readAll(TraceFormat.SWF, f, dir, TraceCheck.options(data));
    }

    /** A file in the binary form (the input is the file as is: its CRC makes most inputs fail late, after parsing). */
    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void binary(byte[] data) {
        Path dir = TraceCheck.scratch(ROOT.resolve("bin"));
        Path f = dir.resolve("trace.mtrace");
        TraceCheck.write(f, data);
        TraceCheck.readAll(TraceFormat.MESOCOSM, f, dir, org.mesocosm.traces.TraceOptions.defaults());
    }
}
