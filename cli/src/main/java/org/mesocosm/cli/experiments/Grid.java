package org.mesocosm.cli.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep grid: {@code "policy=drf,k8s;nodes=500,1000;load=0.5,0.7"}. Keys are {@link #KEYS};
 * each may appear once. Points are the cartesian product in the order written, the first key
 * varying slowest, so the same grid always gives the same point order.
 */
public final class Grid {
    public static final List<String> KEYS = List.of("policy", "workload", "nodes", "load");

    /** One point: a value per key (absent keys are filled in by the caller's defaults). */
    public record Point(Map<String, String> values) {
        public String get(String key) {
            return values.get(key);
        }
    }

    private final Map<String, List<String>> axes;

    private Grid(Map<String, List<String>> axes) {
        this.axes = axes;
    }

    public static Grid parse(String spec) {
        Map<String, List<String>> axes = new LinkedHashMap<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("grid part '" + part.trim() + "' is not key=v1,v2,...");
            String key = part.substring(0, eq).trim();
            if (!KEYS.contains(key)) throw new IllegalArgumentException("unknown grid key '" + key + "' (valid: " + String.join(", ", KEYS) + ")");
            if (axes.containsKey(key)) throw new IllegalArgumentException("grid key '" + key + "' appears twice");
            String list = part.substring(eq + 1);
            List<String> values = key.equals("policy") ? PolicyList.parse(list) : split(key, list);
            if (values.isEmpty()) throw new IllegalArgumentException("grid key '" + key + "' has no values");
            for (int i = 0; i < values.size(); i++) {
                if (values.subList(0, i).contains(values.get(i))) {
                    throw new IllegalArgumentException("grid key '" + key + "' lists '" + values.get(i) + "' twice");
                }
            }
            axes.put(key, values);
        }
        if (axes.isEmpty()) throw new IllegalArgumentException("the grid is empty; e.g. \"policy=drf;nodes=500,1000\"");
        return new Grid(axes);
    }

    private static List<String> split(String key, String list) {
        List<String> out = new ArrayList<>();
        for (String v : list.split(",", -1)) {
            String t = v.trim();
            if (t.isEmpty()) throw new IllegalArgumentException("grid key '" + key + "' has an empty value");
            out.add(t);
        }
        return out;
    }

    /** The swept keys in the order written. */
    public List<String> keys() {
        return List.copyOf(axes.keySet());
    }

    public List<String> values(String key) {
        return axes.getOrDefault(key, List.of());
    }

    public List<Point> points() {
        List<Point> out = new ArrayList<>();
        expand(new ArrayList<>(axes.keySet()), 0, new LinkedHashMap<>(), out);
        return out;
    }

    private void expand(List<String> keys, int depth, LinkedHashMap<String, String> at, List<Point> out) {
        if (depth == keys.size()) {
            out.add(new Point(Map.copyOf(at)));
            return;
        }
        String key = keys.get(depth);
        for (String v : axes.get(key)) {
            at.put(key, v);
            expand(keys, depth + 1, at, out);
        }
        at.remove(key);
    }
}
