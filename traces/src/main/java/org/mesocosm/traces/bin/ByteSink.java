package org.mesocosm.traces.bin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/** Buffered varint writer with a running CRC-32 and an interned-string table (see {@link BinaryFormat}). */
final class ByteSink {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private final CRC32 crc = new CRC32();
    private final Map<String, Integer> refs = new HashMap<>();
    private int pos;

    ByteSink(OutputStream out) {
        this.out = out;
    }

    void b(int v) throws IOException {
        if (pos == buf.length) flushBuf();
        buf[pos++] = (byte) v;
    }

    void bytes(byte[] b) throws IOException {
        for (byte x : b) b(x);
    }

    void varint(long v) throws IOException {
        if (v < 0) throw new IllegalArgumentException("negative varint " + v);
        while ((v & ~0x7FL) != 0) {
            b((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b((int) v);
    }

    void zigzag(long v) throws IOException {
        varint((v << 1) ^ (v >> 63));
    }

    void dbl(double d) throws IOException {
        long bits = Double.doubleToLongBits(d);
        for (int i = 56; i >= 0; i -= 8) b((int) (bits >>> i));
    }

    void str(String s) throws IOException {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        varint(u.length);
        bytes(u);
    }

    void ref(String s) throws IOException {
        Integer i = refs.get(s);
        if (i != null) {
            varint(i + 1L);
            return;
        }
        varint(0);
        str(s);
        if (refs.size() < BinaryFormat.MAX_REFS) refs.put(s, refs.size());
    }

    /** Writes the CRC of everything so far, then flushes. */
    void finishWithCrc() throws IOException {
        crc.update(buf, 0, pos);
        long v = crc.getValue();
        out.write(buf, 0, pos);
        pos = 0;
        out.write(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        out.flush();
    }

    private void flushBuf() throws IOException {
        crc.update(buf, 0, pos);
        out.write(buf, 0, pos);
        pos = 0;
    }
}
