package org.mesocosm.reports;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A run-directory file that exists but cannot be understood: bad JSON, a CSV header without a
 * required column, a row with the wrong number of fields or a value that does not parse.
 *
 * <p>The message always names the file, and the line and field when they are known, so that
 * the writer of the run output can be fixed without guessing. (A file that does not exist at
 * all is reported as a {@link java.nio.file.NoSuchFileException} instead.)
 */
public final class RunFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String field;

    /**
     * @param file the file at fault
     * @param line 1-based line number, or 0 when the problem is not tied to one line
     * @param field the column or JSON key at fault, or {@code null}
     * @param problem what is wrong, in a few words
     */
    public RunFileException(Path file, long line, String field, String problem) {
        super(describe(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    RunFileException(Path file, long line, String field, String problem, Throwable cause) {
        this(file, line, field, problem);
        initCause(cause);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** 1-based line number, or 0 when the problem is not tied to one line. */
    public long line() {
        return line;
    }

    /** The column or JSON key at fault, or {@code null}. */
    public String field() {
        return field;
    }

    private static String describe(Path file, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (field != null) {
            sb.append(", field '").append(field).append('\'');
        }
        return sb.append(": ").append(problem).toString();
    }
}
