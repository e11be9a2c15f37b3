package org.mesocosm.cli.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes JMH-shaped JSON for tests: the fields JMH 1.37 writes that the gate reads. */
final class JmhFixture {

    static final String REF = Comparison.REFERENCE_BENCHMARK;

    /** @param adjacentRefUs the reference measured right before, in us/op, or NaN for none */
    record Entry(String benchmark, String mode, double score, String unit, String[] params, double adjacentRefUs) {
        Entry withAdjacentRef(double us) {
            return new Entry(benchmark, mode, score, unit, params, us);
        }
    }

    static Entry e(String benchmark, String mode, double score, String unit, String... params) {
        return new Entry(benchmark, mode, score, unit, params, Double.NaN);
    }

    /** The reference at {@code us} microseconds per sort. */
    static Entry ref(double us) {
        return e(REF, "avgt", us, "us/op");
    }

    static String json(Entry... entries) {
        List<String> objs = new ArrayList<>();
        for (Entry x : entries) {
            List<String> ps = new ArrayList<>();
            for (String kv : x.params()) {
                int eq = kv.indexOf('=');
                ps.add("\"" + kv.substring(0, eq) + "\" : \"" + kv.substring(eq + 1) + "\"");
            }
            objs.add(String.format(Locale.ROOT, """
                    {
                        "jmhVersion" : "1.37",
                        "benchmark" : "%s",
                        "mode" : "%s",
                        "threads" : 1,
                        "forks" : 1,
                        "params" : { %s },
                        "primaryMetric" : {
                            "score" : %s,
                            "scoreError" : 0.5,
                            "scoreUnit" : "%s",
                            "rawData" : [ [ %s ] ]
                        },
                        "secondaryMetrics" : { }%s
                    }""", x.benchmark(), x.mode(), String.join(", ", ps), x.score(), x.unit(), x.score(),
                    Double.isNaN(x.adjacentRefUs()) ? "" : String.format(Locale.ROOT,
                            ",%n\"%s\" : { \"benchmark\" : \"%s\", \"mode\" : \"avgt\", \"score\" : %s, \"scoreUnit\" : \"us/op\" }",
                            JmhResult.REFERENCE_FIELD, REF, x.adjacentRefUs())));
        }
        return "[\n" + String.join(",\n", objs) + "\n]\n";
    }

    static Path write(Path dir, String name, Entry... entries) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json(entries));
        return p;
    }

    static List<JmhResult> results(Path dir, String name, Entry... entries) throws IOException {
        return JmhJson.read(write(dir, name, entries));
    }
}
