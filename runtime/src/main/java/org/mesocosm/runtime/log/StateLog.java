package org.mesocosm.runtime.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A live master's state directory: {@code log-header.json} (the policy and master settings the
 * log was recorded with, written once) and the {@link DurableInputLog} in {@code log/}. A state
 * directory from before the durable log (a JSON-lines {@code inputs.jsonl}, no checksums) is
 * imported once: copied into a fresh durable log that is complete on disk before it takes the
 * place of {@code log/}, then the old file is renamed {@code inputs.jsonl.imported}.
 */
public final class StateLog {
    public static final String HEADER = "log-header.json";
    public static final String LOG_DIR = "log";
    public static final String LEGACY = "inputs.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The log ready for appends, what it held, and how many records came from a legacy log this time. */
    public record Opened(DurableInputLog.Recovered recovered, InputLog.Header header, int importedLegacy) {}

    private StateLog() {}

    /**
     * Opens (or creates) the state in {@code dir}. Fails if it was recorded with another policy:
     * the same inputs under another policy would rebuild another state.
     */
    public static Opened open(Path dir, InputLog.Header expected, DurableInputLog.Options options) throws IOException {
        Files.createDirectories(dir);
        Path headerFile = dir.resolve(HEADER);
        Path legacy = dir.resolve(LEGACY);
        InputLog.Header header;
        if (Files.exists(headerFile)) {
            header = InputLog.header(JSON.readTree(headerFile.toFile()), headerFile);
        } else if (Files.exists(legacy)) {
            header = InputLog.read(legacy).header();
        } else {
            header = expected;
        }
        if (!header.policy().equals(expected.policy())) {
            throw new IllegalArgumentException("the state in " + dir + " was recorded with policy '" + header.policy()
                    + "'; start with that policy or another --state-dir");
        }
        if (!Files.exists(headerFile)) writeAtomically(headerFile, JSON.writeValueAsBytes(InputLog.headerJson(header)));
        int imported = 0;
        Path logDir = dir.resolve(LOG_DIR);
        if (Files.exists(legacy)) {
            if (!Files.exists(logDir)) imported = importLegacy(legacy, dir, options);
            Files.move(legacy, dir.resolve(LEGACY + ".imported"), StandardCopyOption.REPLACE_EXISTING);
            sync(dir);
        }
        return new Opened(DurableInputLog.open(logDir, options), header, imported);
    }

    /** Reads a state directory's header and every input (for replaying a live run). Cuts a torn tail off, as a restart would. */
    public static InputLog.Contents read(Path dir) throws IOException {
        Path headerFile = dir.resolve(HEADER);
        if (!Files.exists(headerFile)) throw new IOException(dir + ": no " + HEADER + ": not a master state directory");
        InputLog.Header header = InputLog.header(JSON.readTree(headerFile.toFile()), headerFile);
        DurableInputLog.Recovered r = DurableInputLog.open(dir.resolve(LOG_DIR), new DurableInputLog.Options(true, 0));
        r.log().close();
        return new InputLog.Contents(header, r.entries());
    }

    private static int importLegacy(Path legacy, Path dir, DurableInputLog.Options options) throws IOException {
        List<InputLog.Entry> entries = InputLog.read(legacy).entries();
        Path tmp = dir.resolve(LOG_DIR + ".importing");
        deleteTree(tmp); // a crash during an earlier import left half of one
        try (DurableInputLog log = DurableInputLog.open(tmp, new DurableInputLog.Options(true, 0)).log()) {
            for (InputLog.Entry e : entries) log.write(LogRecords.encode(e.at(), e.input()), 1);
            log.force();
        }
        Files.move(tmp, dir.resolve(LOG_DIR), StandardCopyOption.ATOMIC_MOVE);
        sync(dir);
        return entries.size();
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        sync(file.getParent());
    }

    private static void sync(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename is atomic there all the same
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
