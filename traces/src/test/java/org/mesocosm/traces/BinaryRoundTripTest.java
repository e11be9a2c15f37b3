package org.mesocosm.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** A converted trace replays exactly the records of its source, with the same span and read counts. */
class BinaryRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"google2011", "google2019", "alibaba2018", "swf"})
    void convertedTraceReplaysTheSameRecords(String format) throws IOException {
        for (String name : new String[] {"t.mtrace", "t.mtrace.gz"}) {
            Path bin = dir.resolve(format + name);
            long written;
            try (TraceReader src = TraceFormat.byName(format).open(RealTraces.of(format), TraceOptions.defaults())) {
                written = org.mesocosm.traces.bin.BinaryTraceWriter.convert(src, bin);
            }
            assertEquals(TraceFormat.MESOCOSM, TraceSpec.parse(bin.toString()).format(), "recognized without a prefix");
            try (TraceReader src = TraceFormat.byName(format).open(RealTraces.of(format), TraceOptions.defaults());
                 TraceReader back = TraceSpec.parse("bin:" + bin).open(TraceOptions.defaults())) {
                long n = 0;
                for (TraceRecord a = src.next(); a != null; a = src.next()) {
                    TraceRecord b = back.next();
                    assertEquals(a, b, "record " + n);
                    n++;
                }
                assertEquals(null, back.next());
                assertEquals(written, n);
                assertEquals(src.spanMicros(), back.spanMicros());
                assertEquals(src.stats().rows(), back.stats().rows());
                assertEquals(src.stats().notes(), back.stats().notes());
            }
            assertTrue(Files.size(bin) > 0);
        }
    }
}
