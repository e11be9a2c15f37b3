package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CSV output with a locale-free, exact number format, so the same results give the same bytes. */
public final class Csv {
    private final StringBuilder out = new StringBuilder();

    public Csv(String... header) {
        row((Object[]) header);
    }

    public Csv row(Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) out.append(',');
            out.append(cell(cells[i]));
        }
        out.append('\n');
        return this;
    }

    public Csv row(List<?> cells) {
        return row(cells.toArray());
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static String cell(Object v) {
        String s = v instanceof Double d ? number(d) : v == null ? "" : v.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * A double rounded to {@value #DIGITS} significant digits, never in E notation, integers
     * without ".0", NaN as empty. Sums and means carry noise in the last of a double's ~16 digits
     * (0.1 + 0.2 is 0.30000000000000004, a mean 0.11934800000000001): 15 digits drop that noise and
     * keep every integer up to 10^15 exact, the same value always giving the same bytes.
     */
    public static String number(double v) {
        if (Double.isNaN(v)) return "";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return "0";
        BigDecimal d = new BigDecimal(v).round(new java.math.MathContext(DIGITS, java.math.RoundingMode.HALF_EVEN));
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /** Significant digits of a number in a CSV. */
    public static final int DIGITS = 15;
}
