package org.mesocosm.runtime.spec;

import org.mesocosm.runtime.text.OneLine;

/**
 * An invalid job spec: which field is at fault, and why. The message reads
 * {@code tasks[1].depends_on: unknown task 'x'}, which is what the API and the CLI show.
 */
public final class SpecError extends RuntimeException {
    private final String field;
    private final String reason;

    public SpecError(String field, String reason) {
        super(oneLine(field.isEmpty() ? "(document)" : field) + ": " + oneLine(reason));
        this.field = field;
        this.reason = reason;
    }

    /** Path of the field, e.g. {@code tasks[0].cpus}; empty for the document as a whole. */
    public String field() { return field; }

    public String reason() { return reason; }

    /** Control characters escaped: the error is printed as one line (see {@link OneLine}). */
    static String oneLine(String s) {
        return OneLine.of(s);
    }
}
