package org.mesocosm.cli;

import java.util.List;

/** A text table whose columns are as wide as their widest cell, two spaces apart, left-aligned. */
public final class Columns {
    private Columns() {}

    public static String table(List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) w[i] = header.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        for (List<String> r : rows) line(sb, r, w);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            if (i > 0) line.append("  ");
            String c = cells.get(i);
            line.append(c);
            if (i < w.length - 1) line.append(" ".repeat(w[i] - c.length()));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
