package org.mesocosm.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.traces.bin.BinaryTraceWriter;

/**
 * Bad input: a malformed row stops with {@code file:line: field NAME: reason}; lenient mode skips
 * and counts per reason; a truncated gzip, a missing file or a column count that matches no
 * format is a one-line error, never a shorter trace.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private static final String GOOD = "600000000,,42,0,,0,user,1,4,0.0625,0.03,0.001,0\n";
    private static final String SCHEDULE = "600500000,,42,0,7,1,user,1,4,0.0625,0.03,0.001,0\n";

    /** Reads to the end; returns the number of records. */
    private static long drain(TraceReader r) {
        long n = 0;
        while (r.next() != null) n++;
        return n;
    }

    private Path tasks(String... rows) throws IOException {
        Path d = dir.resolve("task_events");
        Files.createDirectories(d);
        Path f = d.resolve("part-00000-of-00001.csv");
        Files.writeString(f, String.join("", rows), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void malformedRowNamesFileLineAndField() throws IOException {
        Path f = tasks(GOOD, SCHEDULE, "600600000,,43,0,,0,user,1,4,lots,0.03,0.001,0\n");
        TraceException e = assertThrows(TraceException.class, () -> {
            try (TraceReader r = TraceFormat.GOOGLE2011.open(dir, TraceOptions.defaults())) {
                drain(r);
            }
        });
        String m = e.getMessage();
        assertTrue(m.startsWith(f.toString() + ":3: field cpu_request: "), m);
        assertFalse(m.contains("\n"), "one line: " + m);
    }

    @Test
    void priorityOutOfRangeIsReportedByName() throws IOException {
        Path f = tasks(GOOD, "600600000,,43,0,,0,user,1,12,0.1,0.03,0.001,0\n");
        TraceException e = assertThrows(TraceException.class, () -> {
            try (TraceReader r = TraceFormat.GOOGLE2011.open(dir, TraceOptions.defaults())) {
                drain(r);
            }
        });
        assertTrue(e.getMessage().startsWith(f + ":2: field priority: "), e.getMessage());
    }

    @Test
    void lenientSkipsAndCountsPerReason() throws IOException {
        tasks(GOOD, SCHEDULE, "600600000,,43,0,,0,user,1,4,lots,0.03,0.001,0\n", "600700000,,44,0,,0,user,1,4,much,0.03,0.001,0\n",
                "600800000,,45,0,,0,user,1,99,0.1,0.03,0.001,0\n", "600900000,,46,0,,0,user,1,4,0.1,0.03,0.001,0\n");
        try (TraceReader r = TraceFormat.GOOGLE2011.open(dir, TraceOptions.defaults().withLenient(true))) {
            drain(r);
            ReadStats s = r.stats();
            assertEquals(6, s.rows());
            assertEquals(3, s.skipped());
            Map<String, Long> by = s.skippedByReason();
            assertEquals(2, by.size(), by.toString());
            assertEquals(List.of(2L, 1L), List.copyOf(by.values()), by.toString());
            assertTrue(by.keySet().iterator().next().startsWith("task_events.cpu_request"), by.toString());
            assertEquals(3L, s.summaryEntries().get("trace_rows_skipped"));
        }
    }

    @Test
    void truncatedGzipIsAnErrorNotAShorterTrace() throws IOException {
        byte[] text = Files.readAllBytes(RealTraces.of("google2011").resolve("task_events/part-00000-of-00500.csv"));
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(text);
        }
        byte[] whole = bos.toByteArray();
        Path d = dir.resolve("task_events");
        Files.createDirectories(d);
        Files.write(d.resolve("part-00000-of-00500.csv.gz"), Arrays.copyOf(whole, whole.length / 2));
        TraceException e = assertThrows(TraceException.class, () -> {
            try (TraceReader r = TraceFormat.GOOGLE2011.open(dir, TraceOptions.defaults().withLenient(true))) {
                drain(r);
            }
        });
        assertTrue(e.getMessage().contains("part-00000-of-00500.csv.gz") && e.getMessage().toLowerCase().contains("truncated"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void missingFileIsOneLine() {
        Path nowhere = dir.resolve("no-such-trace.swf");
        TraceException e = assertThrows(TraceException.class, () -> TraceFormat.SWF.open(nowhere, TraceOptions.defaults()).close());
        assertTrue(e.getMessage().startsWith(nowhere.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void unknownColumnCountIsRejected() throws IOException {
        Path f = dir.resolve("mystery.csv");
        Files.writeString(f, "1,2,3,4,5,6,7,8,9,10,11\n");
        TraceException e = assertThrows(TraceException.class, () -> TraceFormat.GOOGLE2011.open(f, TraceOptions.defaults()).close());
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("11"), e.getMessage());
        Path a = dir.resolve("alibaba.csv");
        Files.writeString(a, "a,b,c\n");
        TraceException e2 = assertThrows(TraceException.class, () -> {
            try (TraceReader r = TraceFormat.ALIBABA2018.open(a, TraceOptions.defaults())) {
                drain(r);
            }
        });
        assertTrue(e2.getMessage().startsWith(a.toString()), e2.getMessage());
    }

    @Test
    void swfRowWithTooFewFieldsNamesTheLine() throws IOException {
        Path f = dir.resolve("x.swf");
        Files.writeString(f, "; MaxProcs: 4\n1 0 5 10 2 -1 -1 2 60 -1 1 1 1 -1 -1 -1 -1 -1\n2 9 5 10 2 -1\n");
        TraceException e = assertThrows(TraceException.class, () -> {
            try (TraceReader r = TraceFormat.SWF.open(f, TraceOptions.defaults())) {
                drain(r);
            }
        });
        assertTrue(e.getMessage().startsWith(f + ":3: field "), e.getMessage());
    }

    @Test
    void truncatedConvertedTraceIsAnError() throws IOException {
        Path bin = dir.resolve("t.mtrace");
        try (TraceReader r = TraceFormat.SWF.open(RealTraces.of("swf"), TraceOptions.defaults())) {
            BinaryTraceWriter.convert(r, bin);
        }
        byte[] b = Files.readAllBytes(bin);
        Path cut = dir.resolve("cut.mtrace");
        Files.write(cut, Arrays.copyOf(b, b.length - 100));
        TraceException e = assertThrows(TraceException.class, () -> {
            try (TraceReader r = TraceFormat.MESOCOSM.open(cut, TraceOptions.defaults())) {
                drain(r);
            }
        });
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }
}
