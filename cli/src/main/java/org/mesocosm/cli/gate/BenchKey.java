package org.mesocosm.cli.gate;

import java.util.Map;
import java.util.TreeMap;

/**
 * Names one measured benchmark: the full method name and its parameter values. Results from
 * two runs are matched by this key, so a benchmark with other parameters is another benchmark.
 * Text form: {@code org.mesocosm.bench.DrfRoundBench.offerRound[agents=10000,roles=100]}.
 */
public record BenchKey(String benchmark, Map<String, String> params) implements Comparable<BenchKey> {

    public BenchKey {
        if (benchmark == null || benchmark.isBlank()) throw new IllegalArgumentException("benchmark name is empty");
        params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    }

    public static BenchKey of(String benchmark, String... nameEqualsValue) {
        Map<String, String> p = new TreeMap<>();
        for (String kv : nameEqualsValue) putParam(p, kv, benchmark);
        return new BenchKey(benchmark, p);
    }

    /** Parses the text form written by {@link #toString()}. */
    public static BenchKey parse(String text) {
        int open = text.indexOf('[');
        if (open < 0) return new BenchKey(text, Map.of());
        if (!text.endsWith("]")) throw new IllegalArgumentException("benchmark key '" + text + "' has '[' without a closing ']'");
        Map<String, String> p = new TreeMap<>();
        String inner = text.substring(open + 1, text.length() - 1);
        if (!inner.isEmpty()) {
            for (String kv : inner.split(",")) putParam(p, kv, text);
        }
        return new BenchKey(text.substring(0, open), p);
    }

    private static void putParam(Map<String, String> p, String kv, String where) {
        int eq = kv.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("benchmark '" + where + "': parameter '" + kv + "' is not name=value");
        p.put(kv.substring(0, eq), kv.substring(eq + 1));
    }

    /** Class and method without the package, with parameters: what the table shows. */
    public String shortName() {
        int dot = benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1);
        String s = benchmark.substring(dot + 1);
        return params.isEmpty() ? s : s + " " + paramText(" ");
    }

    private String paramText(String sep) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.length() == 0 ? "" : sep).append(k).append('=').append(v));
        return b.toString();
    }

    @Override
    public String toString() {
        return params.isEmpty() ? benchmark : benchmark + "[" + paramText(",") + "]";
    }

    @Override
    public int compareTo(BenchKey o) {
        return toString().compareTo(o.toString());
    }
}
