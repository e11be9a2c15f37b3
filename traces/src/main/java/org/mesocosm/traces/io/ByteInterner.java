package org.mesocosm.traces.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps a byte slice to one shared String without allocating for slices seen before: trace fields
 * such as user hashes repeat millions of times over a few thousand distinct values. The String is
 * made by {@code mapper} from the slice's text (e.g. a short prefix of a hash).
 */
public final class ByteInterner {
    private byte[][] keys = new byte[256][];
    private String[] values = new String[256];
    private int size;
    private final java.util.function.UnaryOperator<String> mapper;

    public ByteInterner(java.util.function.UnaryOperator<String> mapper) {
        this.mapper = mapper;
    }

    public String intern(byte[] buf, int start, int end) {
        int h = hash(buf, start, end);
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                String v = mapper.apply(new String(buf, start, end - start, StandardCharsets.UTF_8));
                keys[i] = Arrays.copyOfRange(buf, start, end);
                values[i] = v;
                if (++size * 2 > keys.length) grow();
                return v;
            }
            if (Arrays.equals(k, 0, k.length, buf, start, end)) return values[i];
        }
    }

    public int size() { return size; }

    private static int hash(byte[] b, int s, int e) {
        int h = 0x811c9dc5;
        for (int i = s; i < e; i++) h = (h ^ b[i]) * 0x01000193;
        return h ^ (h >>> 16);
    }

    private void grow() {
        byte[][] ok = keys;
        String[] ov = values;
        keys = new byte[ok.length * 2][];
        values = new String[ok.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] == null) continue;
            int i = hash(ok[j], 0, ok[j].length) & mask;
            while (keys[i] != null) i = (i + 1) & mask;
            keys[i] = ok[j];
            values[i] = ov[j];
        }
    }
}
