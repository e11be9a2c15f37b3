package org.mesocosm.traces.io;

/**
 * One field of one row is malformed. Thrown by the field parsers and caught by the reader, which
 * either stops with {@code file:line: field NAME: reason} or, when lenient, skips the row and
 * counts it under {@link #reasonKey()}. Stackless: in lenient mode it can be thrown per row.
 */
public final class RowException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String kind;
    private final String detail;

    /**
     * @param field the schema name of the field at fault
     * @param kind a short, value-free reason ("not an integer"), used to count skipped rows
     * @param detail the offending value or extra context, for the strict-mode message
     */
    public RowException(String field, String kind, String detail) {
        super(field + ": " + kind + (detail.isEmpty() ? "" : ": " + detail), null, false, false);
        this.field = field;
        this.kind = kind;
        this.detail = detail;
    }

    public String field() { return field; }

    /** Reason text for the error message: the kind and the offending value. */
    public String reason() { return kind + (detail.isEmpty() ? "" : ": " + detail); }

    /** What lenient mode counts skipped rows by: field and kind, without the value. */
    public String reasonKey() { return field + ": " + kind; }
}
