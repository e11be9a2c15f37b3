package org.mesocosm.traces.fuzz;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.TraceFormat;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.bin.BinaryTraceWriter;

/**
 * The invariants every trace reader keeps on any input: it either yields records in time order
 * (which a converted copy replays exactly) or stops with a one-line {@link TraceException} that
 * names a file under the trace. Any other throwable escapes to the fuzzer as a finding.
 */
final class TraceCheck {
    /** More records than any fuzz input of a few KiB can honestly describe: a sign of a runaway reader. */
    private static final int MAX_RECORDS = 200_000;
    /** Records are kept for the round trip only up to this many instances, so the check itself stays small. */
    private static final long KEEP_INSTANCES = 2_000_000;

    private TraceCheck() {}

    /** A fresh, empty directory for one input (the fuzzer calls thousands of times per second). */
    static Path scratch(Path dir) {
        try {
            delete(dir);
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try {
            if (!Files.exists(dir)) return;
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TraceOptions options(byte[] data) {
        return TraceOptions.defaults().withLenient((FuzzFrames.flags(data) & FuzzFrames.LENIENT) != 0);
    }

    /** Reads {@code path} as {@code format} to the end, checking the invariants; {@code root} holds every file written. */
    static void readAll(TraceFormat format, Path path, Path root, TraceOptions opts) {
        List<TraceRecord> records = new ArrayList<>();
        long instances = 0;
        int count = 0;
        long span;
        org.mesocosm.traces.ReadStats stats;
        try (TraceReader r = format.open(path, opts)) {
            long last = Long.MIN_VALUE;
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) {
                if (rec.atMicros() < 0) throw new AssertionError("negative time " + rec.atMicros() + ": " + rec);
                if (rec.atMicros() < last) throw new AssertionError("out of time order: " + rec.atMicros() + " after " + last);
                last = rec.atMicros();
                if (rec.facts() != null) instances += rec.facts().size();
                if (instances <= KEEP_INSTANCES) records.add(rec);
                if (++count > MAX_RECORDS) throw new AssertionError("more than " + MAX_RECORDS + " records");
            }
            span = r.spanMicros();
            stats = r.stats();
        } catch (TraceException e) {
            checkMessage(e, root);
            return;
        }
        if (format != TraceFormat.MESOCOSM && instances <= KEEP_INSTANCES) roundTrip(records, span, stats, root);
    }

    static void checkMessage(TraceException e, Path root) {
        String m = e.getMessage();
        String where = root.toString().replace('\\', '/');
        if (m == null || !m.startsWith(where)) throw new AssertionError("error does not name a file under " + where + ": " + m, e);
        if (m.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) throw new AssertionError("error is not one line: " + m, e);
    }

    /** What was read converts to the binary form and reads back the same. */
    private static void roundTrip(List<TraceRecord> records, long span, org.mesocosm.traces.ReadStats stats, Path root) {
        Path bin = root.resolve("roundtrip.mtrace");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(bin));
             BinaryTraceWriter w = new BinaryTraceWriter(os, "fuzz")) {
            for (TraceRecord r : records) w.write(r);
            w.finish(span, stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (TraceReader back = TraceFormat.MESOCOSM.open(bin, TraceOptions.defaults())) {
            for (int i = 0; i < records.size(); i++) {
                TraceRecord b = back.next();
                if (!records.get(i).equals(b)) throw new AssertionError("record " + i + " reads back as " + b + ", was " + records.get(i));
            }
            if (back.next() != null) throw new AssertionError("the converted trace has extra records");
            if (back.spanMicros() != span) throw new AssertionError("span " + back.spanMicros() + " != " + span);
        }
    }
}
