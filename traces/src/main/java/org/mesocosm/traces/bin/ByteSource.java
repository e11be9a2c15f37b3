package org.mesocosm.traces.bin;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/** Buffered varint reader with a running CRC-32 and the interned-string table (see {@link BinaryFormat}). */
final class ByteSource {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private final CRC32 crc = new CRC32();
    private final List<String> refs = new ArrayList<>();
    private int pos;
    private int limit;
    private long consumedBefore;

    ByteSource(InputStream in) {
        this.in = in;
    }

    /** Bytes read so far (for messages). */
    long offset() { return consumedBefore + pos; }

    int b() throws IOException {
        if (pos == limit) refill();
        return buf[pos++] & 0xFF;
    }

    private void refill() throws IOException {
        crc.update(buf, 0, limit);
        consumedBefore += limit;
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) throw new EOFException();
        limit = n;
    }

    long varint() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = b();
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) return v;
        }
        throw new IOException("varint longer than 64 bits at byte " + offset());
    }

    int intVarint() throws IOException {
        long v = varint();
        if (v > Integer.MAX_VALUE) throw new IOException("count " + v + " too large at byte " + offset());
        return (int) v;
    }

    long zigzag() throws IOException {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    double dbl() throws IOException {
        long bits = 0;
        for (int i = 0; i < 8; i++) bits = (bits << 8) | b();
        return Double.longBitsToDouble(bits);
    }

    String str() throws IOException {
        int n = intVarint();
        if (n > (1 << 24)) throw new IOException("string of " + n + " bytes at byte " + offset());
        byte[] u = new byte[n];
        for (int i = 0; i < n; i++) u[i] = (byte) b();
        return new String(u, StandardCharsets.UTF_8);
    }

    String ref() throws IOException {
        long i = varint();
        if (i == 0) {
            String s = str();
            if (refs.size() < BinaryFormat.MAX_REFS) refs.add(s);
            return s;
        }
        if (i > refs.size()) throw new IOException("string reference " + i + " unknown at byte " + offset());
        return refs.get((int) i - 1);
    }

    /** Reads the 4-byte CRC at the end and checks it against every byte before it. */
    boolean checkCrc() throws IOException {
        crc.update(buf, 0, pos);
        long want = crc.getValue();
        // the CRC bytes themselves are not covered: read them without updating
        long got = 0;
        for (int i = 0; i < 4; i++) {
            if (pos == limit) {
                pos = 0;
                limit = 0;
                int n = in.read(buf, 0, buf.length);
                if (n <= 0) throw new EOFException();
                limit = n;
            }
            got = (got << 8) | (buf[pos++] & 0xFF);
        }
        return got == want;
    }
}
