package org.mesocosm.runtime.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.MasterConfig;

/**
 * An input log: every input a live master handled, with its time, as JSON lines after one header
 * line naming the policy and master settings. Feeding the same inputs at the same times to a
 * master with the same policy and settings makes it take the same decisions (see
 * {@link InputLogReplayer}); this is how a production incident is replayed.
 */
public final class InputLog {
    public static final String FORMAT = "mesocosm-input-log/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the master was started with. */
    public record Header(String policy, MasterConfig config) {}

    public record Entry(long at, Input input) {}

    /** A log read back: header and entries in order. */
    public record Contents(Header header, List<Entry> entries) {}

    private InputLog() {}

    public static Contents read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null) throw new IOException(file + ": empty input log");
            Header h = header(JSON.readTree(first), file);
            List<Entry> entries = new ArrayList<>();
            int lineNo = 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) continue;
                try {
                    JsonNode o = JSON.readTree(line);
                    entries.add(new Entry(InputCodec.time(o), InputCodec.decode(o)));
                } catch (IOException | RuntimeException e) {
                    // the last line may be cut short by a crash mid-write; anything else is corruption
                    if (r.readLine() == null) break;
                    throw new IOException(file + ":" + lineNo + ": " + e.getMessage(), e);
                }
            }
            return new Contents(h, entries);
        }
    }

    static Header header(JsonNode o, Path file) throws IOException {
        if (!FORMAT.equals(o.path("format").asText())) throw new IOException(file + ": not an input log (no '" + FORMAT + "' header)");
        JsonNode c = o.path("config");
        MasterConfig cfg = new MasterConfig(c.path("service_backoff_base_us").asLong(), c.path("service_backoff_max_us").asLong(),
                c.path("service_healthy_after_us").asLong(), c.path("epoch_offset_us").asLong());
        return new Header(o.path("policy").asText(), cfg);
    }

    static ObjectNode headerJson(Header header) {
        ObjectNode h = JSON.createObjectNode().put("format", FORMAT).put("policy", header.policy());
        MasterConfig c = header.config();
        h.putObject("config").put("service_backoff_base_us", c.serviceBackoffBaseMicros())
                .put("service_backoff_max_us", c.serviceBackoffMaxMicros())
                .put("service_healthy_after_us", c.serviceHealthyAfterMicros()).put("epoch_offset_us", c.epochOffsetMicros());
        return h;
    }

    /** Appends inputs to a log file, writing the header first if the file is new. Not thread-safe: one writer thread. */
    public static final class Writer implements Closeable {
        private final BufferedWriter out;

        public Writer(Path file, Header header) throws IOException {
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (fresh) {
                line(headerJson(header));
                flush();
            }
        }

        public void append(long at, Input in) {
            line(InputCodec.encode(at, in));
        }

        private void line(ObjectNode o) {
            try {
                out.write(JSON.writeValueAsString(o));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Pushes what was appended to the file; the driver calls it after each burst of inputs. */
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
