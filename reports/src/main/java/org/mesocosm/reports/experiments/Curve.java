package org.mesocosm.reports.experiments;

/**
 * One line of an overlay chart, with an optional 95% band around it.
 *
 * @param low lower edge of the band, or null for no band (NaN entries leave a gap in the band)
 * @param high upper edge of the band, or null
 */
public record Curve(String name, double[] x, double[] y, double[] low, double[] high) {

    public Curve {
        if (x.length != y.length) throw new IllegalArgumentException("curve '" + name + "': x and y differ in length");
        if ((low == null) != (high == null)) throw new IllegalArgumentException("curve '" + name + "': band needs both edges");
        if (low != null && (low.length != x.length || high.length != x.length)) {
            throw new IllegalArgumentException("curve '" + name + "': band and x differ in length");
        }
    }

    public static Curve line(String name, double[] x, double[] y) {
        return new Curve(name, x, y, null, null);
    }

    public boolean hasBand() {
        return low != null;
    }
}
