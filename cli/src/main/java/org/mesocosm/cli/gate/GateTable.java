package org.mesocosm.cli.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a gate outcome as a plain-text table for a terminal or a CI log. */
public final class GateTable {

    private GateTable() {}

    public static String render(Gate.Outcome o) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"benchmark", "baseline", "now", "ratio", "verdict"});
        JmhResult br = o.baselineReference(), cr = o.currentReference();
        rows.add(new String[] {br.key().shortName() + " (reference)", score(br), score(cr),
                ratio(cr.secondsPerOp() / br.secondsPerOp()), "machine speed"});
        for (Gate.Line l : o.lines()) {
            Comparison.Row f = l.first();
            rows.add(new String[] {l.key().shortName(), score(f.baseline()), score(f.current()), ratio(l.ratio()), verdictText(l)});
        }
        int[] w = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < 5; i++) w[i] = Math.max(w[i], r[i].length());
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            b.append(String.format(Locale.ROOT, "%-" + w[0] + "s  %" + w[1] + "s  %" + w[2] + "s  %" + w[3] + "s  %s%n", r[0], r[1], r[2], r[3], r[4]));
            if (k == 0) b.append("-".repeat(w[0] + w[1] + w[2] + w[3] + w[4] + 8)).append('\n');
        }
        b.append(String.format(Locale.ROOT,
                "baseline, now: best measured iteration, per call%s.%n"
                        + "ratio = normalized cost now / in the baseline; normalized cost = median over forks of%n"
                        + "(benchmark fork / reference fork run just before it). Above 1 is slower.%n"
                        + "Tolerance %s: slower beyond %s fails if a re-run agrees; reference row: cost now / cost then.%n",
                cr.cpuAdjusted() ? ", in CPU time (wall time x the JVM's share of it on a core)" : "",
                pct(o.tolerance()), ratio(1 + o.tolerance())));
        long failed = o.lines().stream().filter(l -> l.verdict().fails()).count();
        b.append(failed == 0 ? "gate: passed\n" : "gate: FAILED (" + failed + " of " + o.lines().size() + " benchmarks)\n");
        return b.toString();
    }

    private static String verdictText(Gate.Line l) {
        String v = switch (l.verdict()) {
            case FASTER -> "faster";
            case OK -> "ok";
            case SLOWER -> "SLOWER";
            case MISSING -> "MISSING from current";
            case NEW -> "new (not in baseline)";
        };
        if (l.rerun() != null) v += " (first " + ratio(l.first().ratio()) + ", re-run " + ratio(l.rerun().ratio()) + ")";
        return v;
    }

    /** Time per call in the unit that reads best, whatever JMH's mode and unit were. */
    private static String score(JmhResult r) {
        if (r == null) return "-";
        double s = r.secondsPerOp();
        if (s >= 1) return Fmt3.sig(s) + " s/op";
        if (s >= 1e-3) return Fmt3.sig(s * 1e3) + " ms/op";
        if (s >= 1e-6) return Fmt3.sig(s * 1e6) + " us/op";
        return Fmt3.sig(s * 1e9) + " ns/op";
    }

    private static String ratio(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.3f", r);
    }

    private static String pct(double t) {
        return Fmt3.sig(t * 100) + "%";
    }
}
