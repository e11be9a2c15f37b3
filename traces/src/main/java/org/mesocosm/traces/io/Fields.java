package org.mesocosm.traces.io;

import java.nio.charset.StandardCharsets;

/**
 * The fields of one delimited line, found by a hand-rolled scan (no regex, no String.split, no
 * String per field): {@link #split} records where each field starts and ends, and the typed
 * getters parse straight from the bytes. Field names come from the table's schema so that an
 * error says {@code field cpu_request} rather than {@code column 10}.
 *
 * <p>Numbers: integers are exact; decimals take the exact fast path (at most 15 significant digits
 * and a power of ten up to 22, where one IEEE division or multiplication is correctly rounded) and
 * fall back to {@link Double#parseDouble} otherwise, so every input gives the same bits as the JDK.
 */
public final class Fields {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private final String[] names;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private byte[] buf;
    private int count;

    /** @param names the schema's field names, in column order */
    public Fields(String... names) {
        this.names = names.clone();
    }

    public int count() { return count; }

    public String name(int i) { return i < names.length ? names[i] : "column " + (i + 1); }

    /** Splits {@code buf[start, end)} on {@code sep}. Returns the number of fields. */
    public int split(byte[] b, int start, int end, byte sep) {
        buf = b;
        int n = 0;
        int fs = start;
        for (int i = start; i < end; i++) {
            if (b[i] == sep) {
                add(n++, fs, i);
                fs = i + 1;
            }
        }
        add(n++, fs, end);
        count = n;
        return n;
    }

    /** Splits on runs of spaces and tabs, ignoring leading and trailing blanks (SWF). */
    public int splitWhitespace(byte[] b, int start, int end) {
        buf = b;
        int n = 0;
        int i = start;
        while (i < end) {
            while (i < end && (b[i] == ' ' || b[i] == '\t')) i++;
            if (i == end) break;
            int fs = i;
            while (i < end && b[i] != ' ' && b[i] != '\t') i++;
            add(n++, fs, i);
        }
        count = n;
        return n;
    }

    private void add(int n, int s, int e) {
        if (n == starts.length) {
            starts = java.util.Arrays.copyOf(starts, n * 2);
            ends = java.util.Arrays.copyOf(ends, n * 2);
        }
        // trim blanks: some derivative files put a space after the comma
        while (s < e && buf[s] == ' ') s++;
        while (e > s && buf[e - 1] == ' ') e--;
        starts[n] = s;
        ends[n] = e;
    }

    public boolean isEmpty(int i) {
        return starts[i] == ends[i];
    }

    public String string(int i) {
        return new String(buf, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }

    public boolean equalsAscii(int i, String s) {
        int len = ends[i] - starts[i];
        if (len != s.length()) return false;
        for (int k = 0; k < len; k++) if (buf[starts[i] + k] != s.charAt(k)) return false;
        return true;
    }

    /** Start offset of field i in the line buffer (for interning without a String). */
    public int start(int i) { return starts[i]; }

    public int end(int i) { return ends[i]; }

    public byte[] buf() { return buf; }

    /** A required integer. */
    public long longValue(int i) throws RowException {
        if (isEmpty(i)) throw new RowException(name(i), "missing", "");
        return parseLong(i);
    }

    /** An optional integer: {@code dflt} when empty. */
    public long longOr(int i, long dflt) throws RowException {
        return isEmpty(i) ? dflt : parseLong(i);
    }

    /** A required integer in [min, max]. */
    public long longIn(int i, long min, long max) throws RowException {
        long v = longValue(i);
        if (v < min || v > max) throw new RowException(name(i), "out of range [" + min + ", " + max + "]", Long.toString(v));
        return v;
    }

    private long parseLong(int i) throws RowException {
        int p = starts[i];
        int e = ends[i];
        boolean neg = buf[p] == '-';
        if (neg || buf[p] == '+') p++;
        if (p == e) throw notInteger(i);
        long v = 0;
        if (e - p <= 18) {
            // up to 18 digits cannot overflow a long: no per-digit division on the hot path
            for (; p < e; p++) {
                int d = buf[p] - '0';
                if (d < 0 || d > 9) throw notInteger(i);
                v = v * 10 + d;
            }
            return neg ? -v : v;
        }
        for (; p < e; p++) {
            int d = buf[p] - '0';
            if (d < 0 || d > 9) throw notInteger(i);
            if (v > (Long.MAX_VALUE - d) / 10) throw new RowException(name(i), "integer overflow", string(i));
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    private RowException notInteger(int i) {
        return new RowException(name(i), "not an integer", "'" + string(i) + "'");
    }

    /** An optional number: {@code dflt} when empty. */
    public double doubleOr(int i, double dflt) throws RowException {
        return isEmpty(i) ? dflt : parseDouble(i);
    }

    public double doubleValue(int i) throws RowException {
        if (isEmpty(i)) throw new RowException(name(i), "missing", "");
        return parseDouble(i);
    }

    private double parseDouble(int i) throws RowException {
        int p = starts[i];
        int e = ends[i];
        boolean neg = false;
        if (buf[p] == '-' || buf[p] == '+') {
            neg = buf[p] == '-';
            p++;
        }
        long mant = 0;
        int digits = 0;
        int scale = 0;
        boolean any = false;
        boolean dot = false;
        for (; p < e; p++) {
            byte c = buf[p];
            if (c >= '0' && c <= '9') {
                any = true;
                if (mant == 0 && c == '0') {
                    if (dot) scale++;
                    continue;
                }
                if (digits >= 15) return slowDouble(i);
                mant = mant * 10 + (c - '0');
                digits++;
                if (dot) scale++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else if (c == 'e' || c == 'E') {
                break;
            } else {
                throw notNumber(i);
            }
        }
        if (!any) throw notNumber(i);
        int exp = 0;
        if (p < e) {
            p++;
            boolean eneg = false;
            if (p < e && (buf[p] == '-' || buf[p] == '+')) {
                eneg = buf[p] == '-';
                p++;
            }
            if (p == e) throw notNumber(i);
            for (; p < e; p++) {
                int d = buf[p] - '0';
                if (d < 0 || d > 9) throw notNumber(i);
                if (exp > 10_000) return slowDouble(i);
                exp = exp * 10 + d;
            }
            if (eneg) exp = -exp;
        }
        int pow = exp - scale;
        double v;
        if (mant == 0) v = 0;
        else if (pow == 0) v = mant;
        else if (pow > 0 && pow < POW10.length) v = mant * POW10[pow];
        else if (pow < 0 && -pow < POW10.length) v = mant / POW10[-pow];
        else return slowDouble(i);
        return neg ? -v : v;
    }

    private double slowDouble(int i) throws RowException {
        try {
            return Double.parseDouble(string(i));
        } catch (NumberFormatException ex) {
            throw notNumber(i);
        }
    }

    private RowException notNumber(int i) {
        return new RowException(name(i), "not a number", "'" + string(i) + "'");
    }
}
