package org.mesocosm.reports;

/** HTML escaping. Every piece of text that comes from run files goes through {@link #esc}. */
final class Html {
    private Html() {
    }

    /** Escapes text for use in element content and in double- or single-quoted attributes. */
    static String esc(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    // Control characters other than tab/newline are not allowed in HTML text.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
