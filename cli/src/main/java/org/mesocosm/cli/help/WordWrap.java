package org.mesocosm.cli.help;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps text at spaces only. The JDK's line BreakIterator, which picocli uses, also breaks after
 * '.' and ':' inside a word, which splits file names ("report.⏎html") and URLs ("https:⏎//"); a
 * word longer than the line stays whole on its own line instead.
 */
public final class WordWrap {
    private WordWrap() {}

    /** The lines of {@code text}: the first at most {@code first} wide, the others at most {@code rest}. */
    public static List<String> lines(String text, int first, int rest) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int leading = 0;
        while (leading < text.length() && text.charAt(leading) == ' ') leading++;
        line.append(text, 0, leading); // an indented example keeps its indent
        boolean wordOnLine = false;
        for (String word : text.substring(leading).split(" +")) {
            if (word.isEmpty()) continue;
            int limit = out.isEmpty() ? first : rest;
            if (wordOnLine && line.length() + 1 + word.length() > limit) {
                out.add(line.toString());
                line.setLength(0);
                wordOnLine = false;
            }
            if (wordOnLine) line.append(' ');
            line.append(word);
            wordOnLine = true;
        }
        if (wordOnLine || out.isEmpty()) out.add(line.toString());
        return out;
    }
}
