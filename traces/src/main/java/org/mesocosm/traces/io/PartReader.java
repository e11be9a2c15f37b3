package org.mesocosm.traces.io;

import java.nio.file.Path;
import java.util.List;

/**
 * The lines of one table split over part files, read in order as one stream. Line numbers and
 * file names are those of the part being read, for {@code file:line} error messages.
 */
public final class PartReader implements AutoCloseable {
    private final List<Path> files;
    private int next;
    private LineReader current;

    public PartReader(List<Path> files) {
        this.files = List.copyOf(files);
    }

    /** Moves to the next line of any part; false when every part is read. */
    public boolean next() {
        while (true) {
            if (current == null) {
                if (next >= files.size()) return false;
                current = new LineReader(files.get(next++));
            }
            if (current.next()) return true;
            current.close();
            current = null;
        }
    }

    /** The reader of the current part (its buffer holds the current line). */
    public LineReader line() { return current; }

    public String file() { return current.file(); }

    public long lineNumber() { return current.lineNumber(); }

    public List<Path> files() { return files; }

    @Override
    public void close() {
        if (current != null) current.close();
        current = null;
        next = files.size();
    }
}
