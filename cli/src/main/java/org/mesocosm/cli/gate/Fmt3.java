package org.mesocosm.cli.gate;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers for the gate's table: three significant digits, no exponent for everyday sizes. */
final class Fmt3 {
    private Fmt3() {}

    static String sig(double v) {
        if (Double.isNaN(v)) return "-";
        if (v == 0) return "0";
        BigDecimal d = new BigDecimal(v).round(new MathContext(3));
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e9 ? d.stripTrailingZeros().toPlainString() : d.toString();
    }
}
