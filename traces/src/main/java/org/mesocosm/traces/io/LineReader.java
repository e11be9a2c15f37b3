package org.mesocosm.traces.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.mesocosm.traces.TraceException;

/**
 * Reads one file line by line as bytes, without making a String per line: {@link #next()} exposes
 * the line as {@code buf[start, end)} inside an internal buffer, valid until the next call. A
 * trailing {@code \r} is dropped. A truncated or corrupt gzip stream is a {@link TraceException}
 * naming the file and the last good line, never a silently shorter trace.
 */
public final class LineReader implements AutoCloseable {
    private static final int MAX_LINE = 1 << 24;
    private final InputStream in;
    private final String file;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private long line;
    private int start;
    private int end;

    public LineReader(Path path) {
        this(TraceFiles.open(path), TraceFiles.display(path));
    }

    public LineReader(InputStream in, String file) {
        this.in = in;
        this.file = file;
    }

    public String file() { return file; }

    /** 1-based number of the current line. */
    public long lineNumber() { return line; }

    public byte[] buf() { return buf; }

    public int start() { return start; }

    public int end() { return end; }

    public boolean isEmptyLine() { return start == end; }

    /** The current line as a String (for messages and rare paths only). */
    public String text() {
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /** Moves to the next line; false at the end of the file. */
    public boolean next() {
        int scan = pos;
        while (true) {
            for (int i = scan; i < limit; i++) {
                if (buf[i] == '\n') {
                    setLine(pos, i);
                    pos = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    setLine(pos, limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            scan = limit - pos;
            fill();
            scan += pos;
        }
    }

    private void setLine(int s, int e) {
        line++;
        start = s;
        end = e > s && buf[e - 1] == '\r' ? e - 1 : e;
    }

    /** Moves the unread tail to the front and reads more; grows the buffer for very long lines. */
    private void fill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_LINE) throw TraceException.file(file, "line " + (line + 1) + " is longer than " + MAX_LINE + " bytes");
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        try {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) eof = true;
            else limit += n;
        } catch (EOFException e) {
            throw TraceException.file(file, "truncated gzip: compressed data ends unexpectedly after line " + line);
        } catch (ZipException e) {
            throw TraceException.file(file, "corrupt gzip after line " + line + ": " + e.getMessage());
        } catch (IOException e) {
            throw TraceException.file(file, "read error after line " + line + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing useful to do: the data was read or the read already failed loudly
        }
    }
}
