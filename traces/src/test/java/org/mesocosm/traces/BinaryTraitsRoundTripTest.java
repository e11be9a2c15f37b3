package org.mesocosm.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.traces.bin.BinaryTraceWriter;

/**
 * Usage and constraints survive {@code trace convert} (the real excerpts have neither, so these
 * use the hand-made tables of the mapping tests), and a file of the previous version is refused.
 */
class BinaryTraitsRoundTripTest {
    @TempDir
    Path dir;

    private int traitsSeen;

    private void roundTrip(TraceFormat format, Path source) throws IOException {
        Path bin = dir.resolve(format.id() + ".mtrace");
        try (TraceReader src = format.open(source, TraceOptions.defaults())) {
            BinaryTraceWriter.convert(src, bin);
        }
        try (TraceReader src = format.open(source, TraceOptions.defaults());
             TraceReader back = TraceFormat.MESOCOSM.open(bin, TraceOptions.defaults())) {
            for (TraceRecord a = src.next(); a != null; a = src.next()) {
                assertEquals(a, back.next());
                if (a.traits() != null) traitsSeen++;
            }
            assertEquals(null, back.next());
            assertEquals(src.stats().notes(), back.stats().notes());
        }
    }

    @Test
    void usageAndConstraintsKept() throws IOException {
        Path g11 = Files.createDirectories(dir.resolve("g11/task_events"));
        Files.writeString(g11.resolve("part-00000-of-00001.csv"), Google2011UsageTest.ev(1_000_000, 42, 0, 0, "0.25", "0.125")
                + Google2011UsageTest.ev(2_000_000, 42, 0, 1, "0.25", "0.125") + Google2011UsageTest.ev(9_000_000, 42, 0, 4, "0.25", "0.125"));
        Path use = Files.createDirectories(dir.resolve("g11/task_usage"));
        Files.writeString(use.resolve("part-00000-of-00001.csv"), Google2011UsageTest.use(2_000_000, 8_000_000, 42, 0, "0.0625", "0.03125"));
        roundTrip(TraceFormat.GOOGLE2011, dir.resolve("g11"));

        Path g19 = Files.createDirectories(dir.resolve("g19"));
        String c = "[{\"name\": \"k\", \"value\": \"v\", \"relation\": 0}, {\"name\": \"n\", \"value\": \"w\", \"relation\": 1}]";
        Files.writeString(g19.resolve("instance_events.json"), Google2019ConstraintsTest.inst(1_000_000, 0, 7, 0, c)
                + Google2019ConstraintsTest.inst(2_000_000, 3, 7, 0, c) + Google2019ConstraintsTest.inst(5_000_000, 6, 7, 0, c));
        roundTrip(TraceFormat.GOOGLE2019, g19);

        Path ali = Files.createDirectories(dir.resolve("ali"));
        Files.writeString(ali.resolve("batch_task.csv"), Alibaba2018InstancesTest.TASKS);
        Files.writeString(ali.resolve("batch_instance.csv"), Alibaba2018InstancesTest.INSTANCES);
        Files.writeString(ali.resolve("container_meta.csv"), Alibaba2018InstancesTest.CONTAINERS);
        roundTrip(TraceFormat.ALIBABA2018, ali);
        assertEquals(3, traitsSeen, "one job with traits from each format");
    }

    @Test
    void previousVersionIsRefusedWithAHint() throws IOException {
        Path old = dir.resolve("old.mtrace");
        Files.write(old, ("MSCMTRC\u0002").getBytes(StandardCharsets.US_ASCII));
        TraceException e = assertThrows(TraceException.class, () -> TraceFormat.MESOCOSM.open(old, TraceOptions.defaults()));
        assertTrue(e.getMessage().contains("old.mtrace") && e.getMessage().contains("version 2")
                && e.getMessage().contains("re-run 'mesocosm trace convert'"), e.getMessage());
    }
}
