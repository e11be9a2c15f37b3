package org.mesocosm.traces.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * How one fuzz input becomes the files of a trace. Byte 0 holds flags: bit 7 reads leniently,
 * bits 0-3 gzip part 0-3 before it is written (so the fuzzer reaches the decompressing path with
 * valid streams; a part that itself starts with the gzip magic exercises corrupt ones). Then
 * each part but the last is a 2-byte big-endian length and that many bytes (cut short at the end
 * of the input); the last part is whatever remains. Any byte string is a valid framing.
 */
public final class FuzzFrames {
    public static final int LENIENT = 0x80;

    private FuzzFrames() {}

    public static int flags(byte[] data) {
        return data.length == 0 ? 0 : data[0] & 0xff;
    }

    /** The {@code n} parts of {@code data}, gzipped where the flags say so. */
    public static List<byte[]> split(byte[] data, int n) {
        List<byte[]> parts = new ArrayList<>(n);
        int flags = flags(data);
        int pos = Math.min(1, data.length);
        for (int i = 0; i < n; i++) {
            byte[] part;
            if (i == n - 1) {
                part = Arrays.copyOfRange(data, pos, data.length);
                pos = data.length;
            } else if (data.length - pos >= 2) {
                int len = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
                pos += 2;
                int end = Math.min(data.length, pos + len);
                part = Arrays.copyOfRange(data, pos, end);
                pos = end;
            } else {
                part = new byte[0];
                pos = data.length;
            }
            parts.add(i < 4 && (flags & (1 << i)) != 0 ? gzip(part) : part);
        }
        return parts;
    }

    /** The inverse of {@link #split} for seeds: parts but the last must be under 64 KiB. */
    public static byte[] join(int flags, List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags);
        for (int i = 0; i < parts.size(); i++) {
            byte[] p = parts.get(i);
            if (i < parts.size() - 1) {
                if (p.length > 0xffff) throw new IllegalArgumentException("part " + i + " too long for a seed: " + p.length);
                out.write(p.length >> 8);
                out.write(p.length & 0xff);
            }
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] b) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bos.toByteArray();
    }
}
