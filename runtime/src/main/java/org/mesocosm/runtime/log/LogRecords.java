package org.mesocosm.runtime.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.mesocosm.runtime.master.Input;

/**
 * The framing of one durable log record: a 4-byte big-endian payload length, a CRC32C of the
 * length alone, a CRC32C of the length and the payload together, then the payload (one input as
 * {@link InputCodec} JSON, UTF-8). The length has its own checksum so that a damaged length in
 * the middle of a log is told apart from a record torn at the end: a torn write leaves a good
 * header and too few payload bytes, a damaged length fails its check.
 */
public final class LogRecords {
    public static final int HEADER_BYTES = 12;
    /** No input comes near this; a larger length can only be damage. */
    public static final int MAX_PAYLOAD = 16 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogRecords() {}

    /** One input, framed. */
    public static byte[] encode(long at, Input in) {
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(InputCodec.encode(at, in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        b.putInt(payload.length);
        b.putInt(crc(payload.length, payload, 0, 0));
        b.putInt(crc(payload.length, payload, 0, payload.length));
        b.put(payload);
        return b.array();
    }

    /**
     * Decodes records framed by {@link #encode} that must all be whole and intact (a replicated
     * log's entry, checked by its consensus layer already): any damage is an error, never a torn tail.
     */
    public static List<InputLog.Entry> decodeAll(byte[] data, int start, int end) throws IOException {
        Scan s = scan(data, start, end, 0, 0);
        if (s.damage() != null) throw new LogCorruptedException("replicated entry: " + s.damage());
        return s.entries();
    }

    /** CRC32C of the 4 length bytes followed by {@code n} bytes of data. */
    static int crc(int length, byte[] data, int offset, int n) {
        CRC32C c = new CRC32C();
        c.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        c.update(data, offset, n);
        return (int) c.getValue();
    }

    static InputLog.Entry decodePayload(byte[] data, int offset, int length) throws IOException {
        JsonNode o = JSON.readTree(data, offset, length);
        try {
            return new InputLog.Entry(InputCodec.time(o), InputCodec.decode(o));
        } catch (IllegalArgumentException e) {
            throw new IOException("checksum is right but the input does not decode: " + e.getMessage(), e);
        }
    }

    /** Where a scan of framed records stopped early, and why. */
    /**
     * @param corruption the damage is no torn write: a last record complete to its declared length
     *     whose checksum fails was written and forced whole, so the input it held had been acknowledged and is lost
     */
    public record Damage(long recordIndex, long byteOffset, String reason, boolean corruption) {
        public Damage(long recordIndex, long byteOffset, String reason) {
            this(recordIndex, byteOffset, reason, false);
        }

        @Override
        public String toString() {
            return "record " + recordIndex + " at byte " + byteOffset + ": " + reason;
        }
    }

    /** The records found in a byte range, and the first damage if the range did not end cleanly. */
    record Scan(List<InputLog.Entry> entries, long validEnd, Damage damage, boolean damageIsTail) {}

    /**
     * Reads framed records from {@code data[start, end)}. Damage is a torn tail when nothing valid
     * can follow it: the header or payload runs past the end, or the bad record is the last one, or
     * everything after it is zeros (a file extended but never written). Any other damage is
     * corruption in the middle of the log.
     *
     * @param firstIndex the log-wide index of the first record in the range, for reports
     */
    static Scan scan(byte[] data, int start, int end, long firstIndex, long fileOffset) {
        List<InputLog.Entry> out = new ArrayList<>();
        int pos = start;
        while (pos < end) {
            long index = firstIndex + out.size();
            long at = fileOffset + pos - start;
            if (end - pos < HEADER_BYTES) {
                return damaged(out, pos, start, fileOffset, index, at, "header cut short: " + (end - pos) + " of " + HEADER_BYTES + " bytes", true);
            }
            int len = ByteBuffer.wrap(data, pos, 4).getInt();
            int lenCrc = ByteBuffer.wrap(data, pos + 4, 4).getInt();
            int crc = ByteBuffer.wrap(data, pos + 8, 4).getInt();
            if (crc(len, data, 0, 0) != lenCrc || len < 0 || len > MAX_PAYLOAD) {
                return damaged(out, pos, start, fileOffset, index, at, "damaged length", zerosFrom(data, pos, end));
            }
            if ((long) pos + HEADER_BYTES + len > end) {
                return damaged(out, pos, start, fileOffset, index, at,
                        "payload cut short: " + (end - pos - HEADER_BYTES) + " of " + len + " bytes", true);
            }
            int next = pos + HEADER_BYTES + len;
            if (crc(len, data, pos + HEADER_BYTES, len) != crc) {
                if (next == end && !endsInZeros(data, pos + HEADER_BYTES, next)) {
                    // complete to its declared length, and not a block the disk never wrote: the record was written whole, then changed
                    return new Scan(out, fileOffset + pos - start, new Damage(index, at,
                            "checksum mismatch in a complete record: corruption, not a torn write; the input it held was acknowledged and is lost", true), true);
                }
                return damaged(out, pos, start, fileOffset, index, at, "checksum mismatch", next == end || zerosFrom(data, pos, end));
            }
            try {
                out.add(decodePayload(data, pos + HEADER_BYTES, len));
            } catch (IOException e) {
                return damaged(out, pos, start, fileOffset, index, at, e.getMessage(), false);
            }
            pos = next;
        }
        return new Scan(out, fileOffset + end - start, null, false);
    }

    private static Scan damaged(List<InputLog.Entry> out, int pos, int start, long fileOffset, long index, long at, String reason,
                                boolean tail) {
        return new Scan(out, fileOffset + pos - start, new Damage(index, at, reason), tail);
    }

    /** Whether the payload ends in a run of zeros (at least 16 bytes, or all of it): what a write torn at a block boundary leaves. */
    private static boolean endsInZeros(byte[] data, int from, int end) {
        int zeros = 0;
        for (int i = end - 1; i >= from && data[i] == 0; i--) zeros++;
        return zeros >= Math.min(16, end - from);
    }

    private static boolean zerosFrom(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) if (data[i] != 0) return false;
        return true;
    }
}
