package org.mesocosm.cli.fgd;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code alloc.csv}: {@code workload,policy,seed,arrived_pct,alloc_pct,frag_pct,frag_ratio_pct}, one
 * row per run and integer arrived % (0..inflate x 100), each the mean of the events in that bin;
 * {@code n/a} where a run had no event in a bin (or, for the ratio, no idle GPU).
 */
public final class AllocCsv {
    public static final String HEADER = "workload,policy,seed,arrived_pct,alloc_pct,frag_pct,frag_ratio_pct";

    private AllocCsv() { }

    public static void write(Path file, List<BinnedCurve> runs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            for (BinnedCurve c : runs) {
                for (int b = 0; b < c.bins(); b++) {
                    w.write(csv(c.workload()) + "," + c.policy() + "," + c.seed() + "," + b + "," + num(c.allocPct()[b]) + ","
                            + num(c.fragPct()[b]) + "," + num(c.fragRatioPct()[b]) + "\n");
                }
            }
        }
    }

    static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
