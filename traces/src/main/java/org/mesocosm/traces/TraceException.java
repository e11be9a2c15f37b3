package org.mesocosm.traces;

import org.mesocosm.runtime.text.OneLine;

/**
 * A trace cannot be read as it stands. The message is one line that names the file and, for a bad
 * row, the line and field ({@code file:line: field NAME: reason}), so the CLI prints it as is and
 * exits with status 2. Unchecked because it surfaces through {@code WorkloadSource.next()}.
 */
public final class TraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TraceException(String message) {
        super(oneLine(message));
    }

    public TraceException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Control characters escaped: the error is printed as one line (see {@link OneLine}). */
    static String oneLine(String s) {
        return OneLine.of(s);
    }

    /** A malformed row: {@code file:line: field NAME: reason}. */
    public static TraceException row(String file, long line, String field, String reason) {
        return new TraceException(file + ":" + line + ": field " + field + ": " + reason);
    }

    /** A problem with a whole file (missing, truncated, unknown layout): {@code file: reason}. */
    public static TraceException file(String file, String reason) {
        return new TraceException(file + ": " + reason);
    }
}
