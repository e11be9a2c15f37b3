package org.mesocosm.traces.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.mesocosm.traces.TraceException;

/**
 * Finds and opens trace files: one file, or a directory of part files read in name order (as the
 * Google and Alibaba traces ship them: {@code part-00000-of-00500.csv.gz}, ...). Compression is
 * detected from the first two bytes (the gzip magic {@code 1f 8b}), never from the file name.
 */
public final class TraceFiles {
    private static final int BUFFER = 1 << 16;

    private TraceFiles() {}

    /**
     * The data files of {@code path}: the file itself, or the regular files of the directory in
     * name order. Hidden files and Hadoop markers ({@code _SUCCESS}) are not data and are left out;
     * so are {@code .md}/{@code .txt} notes and a {@code schema.csv}, which sit beside real traces.
     */
    public static List<Path> dataFiles(Path path) {
        if (!Files.exists(path)) throw TraceException.file(display(path), "no such file or directory");
        if (!Files.isDirectory(path)) {
            if (!Files.isReadable(path)) throw TraceException.file(display(path), "not readable");
            return List.of(path);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(path)) {
            for (Path p : dir) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || n.startsWith("_") || !Files.isRegularFile(p) || isNote(n)) continue;
                files.add(p);
            }
        } catch (IOException e) {
            throw TraceException.file(display(path), "cannot list directory: " + e.getMessage());
        }
        if (files.isEmpty()) throw TraceException.file(display(path), "directory holds no data files");
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return List.copyOf(files);
    }

    private static boolean isNote(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".md") || n.endsWith(".txt") || n.startsWith("schema.") || n.startsWith("readme");
    }

    /** Opens a file for reading, decompressing gzip when the content starts with the gzip magic. */
    public static InputStream open(Path file) {
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) return new GZIPInputStream(raw, BUFFER);
            return raw;
        } catch (NoSuchFileException e) {
            throw TraceException.file(display(file), "no such file");
        } catch (java.io.EOFException e) {
            throw TraceException.file(display(file), "truncated gzip: the compressed header is incomplete");
        } catch (IOException e) {
            throw TraceException.file(display(file), "cannot open: " + e.getMessage());
        }
    }

    /** True when the file starts with the gzip magic bytes. */
    public static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    /** How a path appears in messages: as the user gave it, with forward slashes. */
    public static String display(Path p) {
        return p.toString().replace('\\', '/');
    }
}
