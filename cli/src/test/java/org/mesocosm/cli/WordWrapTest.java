package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mesocosm.cli.help.WordWrap;

class WordWrapTest {

    @Test
    void breaksAtSpacesOnlyAndKeepsLongWordsWhole() {
        assertEquals(List.of("open", "https://example.org/report.html", "now"),
                WordWrap.lines("open https://example.org/report.html now", 10, 10));
        assertEquals(List.of("aa bb", "cc"), WordWrap.lines("aa bb cc", 5, 5));
        assertEquals(List.of("  --grid x"), WordWrap.lines("  --grid x", 40, 40));
    }

    @Test
    void seededRandomTextsKeepEveryWordAndRespectTheWidth() {
        for (long seed = 1; seed <= 300; seed++) {
            Random r = new Random(seed);
            StringBuilder text = new StringBuilder();
            int words = 1 + r.nextInt(40);
            for (int i = 0; i < words; i++) {
                if (i > 0) text.append(' ');
                int len = 1 + r.nextInt(14);
                for (int k = 0; k < len; k++) text.append("ab./:-c".charAt(r.nextInt(7)));
            }
            int first = 10 + r.nextInt(30), rest = 8 + r.nextInt(30);
            List<String> lines = WordWrap.lines(text.toString(), first, rest);
            assertEquals(text.toString(), String.join(" ", lines), "seed " + seed);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int limit = i == 0 ? first : rest;
                assertTrue(line.length() <= limit || !line.contains(" "), "seed " + seed + " line " + line);
            }
        }
    }
}
