package org.mesocosm.cli.experiments;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.model.Resources;

/** Node shapes on the command line: {@code CORESxGiB}, e.g. {@code 32x128} for 32 cores and 128 GiB. */
public final class NodeShapes {
    private NodeShapes() {}

    public static List<Resources> parseList(String spec) {
        List<Resources> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            Resources r = parse(part.trim());
            if (out.contains(r)) throw new IllegalArgumentException("node shape '" + part.trim() + "' is listed twice");
            out.add(r);
        }
        return List.copyOf(out);
    }

    public static Resources parse(String s) {
        String[] p = s.toLowerCase().split("x", -1);
        try {
            if (p.length != 2) throw new NumberFormatException();
            double cores = Double.parseDouble(p[0]);
            double gib = Double.parseDouble(p[1]);
            if (!(cores > 0 && gib > 0 && cores <= 100_000 && gib <= 1e7)) throw new NumberFormatException();
            return new Resources(Math.round(cores * 1000), Math.round(gib * 1024), 0, 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("node shape '" + s + "' is not CORESxGiB (e.g. 32x128)");
        }
    }

    public static String format(Resources r) {
        return Csv.number(r.cpuMillis() / 1000.0) + "x" + Csv.number(r.memMiB() / 1024.0);
    }
}
