package org.mesocosm.traces;

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

    /**
     * Control characters escaped: messages echo values read from the trace (a corrupt name, a
     * field with a stray carriage return), and the error must stay one line.
     */
    static String oneLine(String s) {
        if (s == null) return null;
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
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
