package org.mesocosm.runtime.spec;

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

    /**
     * Control characters escaped: field names and values come from the user, and an error is
     * printed as one line (a key such as {@code "a\nb"} must not split it).
     */
    static String oneLine(String s) {
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
}
