package org.mesocosm.bench.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The frames with the most samples of their own (the leaf) and in total (anywhere on the stack), as a text table. */
public final class TopFrames {
    private TopFrames() {}

    public static String table(Map<String, Long> collapsed, int n) {
        Map<String, Long> self = new HashMap<>(), total = new HashMap<>();
        long all = 0;
        for (Map.Entry<String, Long> e : collapsed.entrySet()) {
            String[] frames = e.getKey().split(";");
            long c = e.getValue();
            all += c;
            self.merge(frames[frames.length - 1], c, Long::sum);
            Set<String> seen = new HashSet<>();
            for (String f : frames) if (seen.add(f)) total.merge(f, c, Long::sum);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d samples%n%-7s %-7s frame%n", all, "self", "total"));
        for (String f : top(self, n)) {
            sb.append(String.format(Locale.ROOT, "%5.1f%%  %5.1f%%  %s%n", 100.0 * self.get(f) / all, 100.0 * total.get(f) / all, f));
        }
        return sb.toString();
    }

    /** Keys by value, highest first, ties by name (deterministic). */
    static List<String> top(Map<String, Long> m, int n) {
        List<String> keys = new ArrayList<>(m.keySet());
        keys.sort((a, b) -> {
            int c = Long.compare(m.get(b), m.get(a));
            return c != 0 ? c : a.compareTo(b);
        });
        return keys.subList(0, Math.min(n, keys.size()));
    }
}
