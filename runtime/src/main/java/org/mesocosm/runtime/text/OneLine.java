package org.mesocosm.runtime.text;

/** Error messages are printed as one line, and they echo what users and traces wrote. */
public final class OneLine {
    private OneLine() {}

    /**
     * {@code s} with control characters (and the Unicode line and paragraph separators) escaped, so
     * that a value such as {@code "a\nb"} cannot split the line it is printed on; null stays null.
     */
    public static String of(String s) {
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
}
