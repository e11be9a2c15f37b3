package org.mesocosm.runtime.log;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.mesocosm.runtime.master.Input;

/**
 * The master's write-ahead log of inputs: every input is appended as a checksummed record (see
 * {@link LogRecords}) and forced to disk before the master acts on it, so an acknowledged input
 * survives a crash. The master is deterministic, so replaying the inputs into a fresh master
 * rebuilds its state exactly.
 *
 * <p>A directory holds {@code snapshot.bin} (the records before some index, compacted: deflated,
 * with one CRC32C over the whole, written to a temporary file, forced and renamed into place) and
 * segments {@code wal-<first index>.log} holding the records after it. Recovery loads the snapshot
 * and replays the segments. A torn or damaged tail of the last segment is reported (record index,
 * byte offset, reason) and cut off; damage anywhere else is an error, never skipped.
 */
public final class DurableInputLog implements Closeable {
    private static final byte[] SEGMENT_MAGIC = {'M', 'C', 'S', 'M', 'W', 'A', 'L', '1'};
    private static final byte[] SNAPSHOT_MAGIC = {'M', 'C', 'S', 'M', 'S', 'N', 'P', '1'};
    private static final int SEGMENT_HEADER = 16;
    private static final String SNAPSHOT = "snapshot.bin";

    /**
     * @param fsync force every append to stable storage (off only where a crash cannot lose the
     *        page cache, e.g. a simulated process crash)
     * @param snapshotEvery take a snapshot after this many records since the last one; 0 = never
     */
    public record Options(boolean fsync, long snapshotEvery) {
        public static final Options DEFAULT = new Options(true, 10_000);
    }

    /** What {@link #open} found: the log ready for appends, every record in order, and the tail it cut off, if any. */
    public record Recovered(DurableInputLog log, List<InputLog.Entry> entries, LogRecords.Damage truncatedTail, long snapshotRecords) {}

    private final Path dir;
    private final Options options;
    private FileChannel out;
    private Path segment;
    private long records;
    private long snapshotRecords;

    private DurableInputLog(Path dir, Options options) {
        this.dir = dir;
        this.options = options;
    }

    /** Opens (or creates) the log in {@code dir} and reads back everything in it. */
    public static Recovered open(Path dir, Options options) throws IOException {
        Files.createDirectories(dir);
        DurableInputLog log = new DurableInputLog(dir, options);
        List<InputLog.Entry> entries = new ArrayList<>();
        Path snap = dir.resolve(SNAPSHOT);
        if (Files.exists(snap)) entries.addAll(readSnapshot(snap));
        log.snapshotRecords = entries.size();
        LogRecords.Damage cut = null;
        List<Path> segments = segments(dir);
        for (int i = 0; i < segments.size(); i++) {
            Path p = segments.get(i);
            boolean last = i == segments.size() - 1;
            byte[] data = Files.readAllBytes(p);
            if (data.length < SEGMENT_HEADER) {
                if (!last) throw new LogCorruptedException(p + ": segment header cut short");
                cut = new LogRecords.Damage(entries.size(), 0, "segment header cut short: " + data.length + " bytes");
                Files.delete(p);
                break;
            }
            ByteBuffer h = ByteBuffer.wrap(data, 0, SEGMENT_HEADER);
            byte[] magic = new byte[8];
            h.get(magic);
            if (!java.util.Arrays.equals(magic, SEGMENT_MAGIC)) throw new LogCorruptedException(p + ": not a log segment");
            long first = h.getLong();
            if (first > entries.size()) {
                throw new LogCorruptedException(p + ": starts at record " + first + " but only " + entries.size() + " came before: records are missing");
            }
            LogRecords.Scan scan = LogRecords.scan(data, SEGMENT_HEADER, data.length, first, SEGMENT_HEADER);
            if (scan.damage() != null && !(last && scan.damageIsTail())) {
                throw new LogCorruptedException(p + ": " + scan.damage() + (last ? "" : " (not the last segment)")
                        + (scan.damageIsTail() || !last ? "" : "; valid-looking data follows, so this is not a torn tail"));
            }
            List<InputLog.Entry> found = scan.entries();
            // a crash between writing a snapshot and starting the next segment leaves records both in the snapshot and here
            int skip = (int) Math.min(found.size(), entries.size() - first);
            entries.addAll(found.subList(skip, found.size()));
            if (scan.damage() != null) {
                cut = scan.damage();
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.truncate(scan.validEnd());
                    ch.force(true);
                }
            }
        }
        log.records = entries.size();
        if (segments.isEmpty() || !Files.exists(segments.get(segments.size() - 1))) {
            log.startSegment();
        } else {
            log.segment = segments.get(segments.size() - 1);
            log.out = FileChannel.open(log.segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        return new Recovered(log, entries, cut, log.snapshotRecords);
    }

    /** Records in the log, snapshot included. */
    public long records() { return records; }

    /** The segment being appended to (fault injection writes torn records here). */
    public Path segment() { return segment; }

    public Path dir() { return dir; }

    /** Appends one input and forces it to disk; once this returns, the input survives a crash. */
    public void append(long at, Input in) throws IOException {
        write(LogRecords.encode(at, in), 1);
        force();
        if (snapshotDue()) snapshot();
    }

    /**
     * Appends records framed by {@link LogRecords#encode} without forcing them: they survive a
     * process crash but not a power loss until {@link #force} returns. Group commit writes a batch
     * this way and forces it once.
     *
     * @param count how many records {@code framed} holds
     */
    public void write(byte[] framed, int count) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(framed);
        while (b.hasRemaining()) out.write(b);
        records += count;
    }

    /** Forces every record written so far to stable storage (a no-op without {@code fsync}). */
    public void force() throws IOException {
        if (options.fsync()) out.force(false);
    }

    /** Whether enough records came since the last snapshot for the next one. */
    public boolean snapshotDue() {
        return options.snapshotEvery() > 0 && records - snapshotRecords >= options.snapshotEvery();
    }

    /** Records held by the snapshot (the rest are in segments and replayed one by one). */
    public long snapshotRecords() { return snapshotRecords; }

    /**
     * Compacts every record so far into the snapshot and starts an empty segment. The new
     * snapshot is complete on disk before the old segments go, so a crash at any point leaves a
     * readable log.
     */
    public void snapshot() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        Path snap = dir.resolve(SNAPSHOT);
        if (Files.exists(snap)) raw.write(snapshotBytes(snap));
        if (options.fsync()) out.force(true);
        byte[] seg = Files.readAllBytes(segment);
        long first = ByteBuffer.wrap(seg, 8, 8).getLong();
        // records of this segment already in the snapshot (see open) are skipped by re-framing from the right offset
        int from = skipRecords(seg, SEGMENT_HEADER, snapshotRecords - first);
        raw.write(seg, from, seg.length - from);
        writeSnapshot(snap, raw.toByteArray(), records);
        snapshotRecords = records;
        Path old = segment;
        out.close();
        startSegment();
        Files.delete(old);
        syncDir();
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
    }

    private void startSegment() throws IOException {
        segment = dir.resolve(String.format(java.util.Locale.ROOT, "wal-%020d.log", records));
        out = FileChannel.open(segment, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        ByteBuffer h = ByteBuffer.allocate(SEGMENT_HEADER).put(SEGMENT_MAGIC).putLong(records).flip();
        while (h.hasRemaining()) out.write(h);
        if (options.fsync()) out.force(true);
        syncDir();
    }

    private void syncDir() throws IOException {
        if (!options.fsync()) return;
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for sync; the rename is still atomic there
        }
    }

    private static int skipRecords(byte[] seg, int pos, long n) {
        for (long i = 0; i < n; i++) pos += LogRecords.HEADER_BYTES + ByteBuffer.wrap(seg, pos, 4).getInt();
        return pos;
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("wal-\\d{20}\\.log")).sorted().toList();
        }
    }

    private void writeSnapshot(Path snap, byte[] raw, long count) throws IOException {
        byte[] image = snapshotImage(raw, count);
        Path tmp = dir.resolve(SNAPSHOT + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer body = ByteBuffer.wrap(image);
            while (body.hasRemaining()) ch.write(body);
            if (options.fsync()) ch.force(true);
        }
        Files.move(tmp, snap, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDir();
    }

    /**
     * The bytes of a snapshot holding {@code count} records framed by {@link LogRecords#encode}
     * ({@code raw}): header (magic, record count, raw and compressed lengths, CRC32C), then the
     * records deflated. The format of {@code snapshot.bin}; a replicated master's snapshots hold
     * their inputs in it too.
     */
    public static byte[] snapshotImage(byte[] raw, long count) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream(raw.length / 4 + 64);
        byte[] buf = new byte[65536];
        while (!d.finished()) z.write(buf, 0, d.deflate(buf));
        d.end();
        byte[] compressed = z.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(compressed);
        return ByteBuffer.allocate(28 + compressed.length).put(SNAPSHOT_MAGIC).putLong(count).putInt(raw.length)
                .putInt(compressed.length).putInt((int) crc.getValue()).put(compressed).array();
    }

    /** The number of records a snapshot image says it holds (check it with {@link #snapshotImageRecords} first). */
    public static long snapshotImageCount(byte[] image) {
        return ByteBuffer.wrap(image, 8, 8).getLong();
    }

    /** The framed records inside a snapshot, checked. */
    private static byte[] snapshotBytes(Path snap) throws IOException {
        return snapshotImageRecords(Files.readAllBytes(snap), snap.toString());
    }

    /**
     * The framed records inside a snapshot image ({@link #snapshotImage}), checked against its
     * header and checksum; {@code where} names the image in errors.
     */
    public static byte[] snapshotImageRecords(byte[] all, String where) throws LogCorruptedException {
        if (all.length < 28) throw new LogCorruptedException(where + ": snapshot header cut short");
        ByteBuffer h = ByteBuffer.wrap(all);
        byte[] magic = new byte[8];
        h.get(magic);
        if (!java.util.Arrays.equals(magic, SNAPSHOT_MAGIC)) throw new LogCorruptedException(where + ": not a snapshot");
        h.getLong();
        int rawLen = h.getInt();
        int zLen = h.getInt();
        int crc = h.getInt();
        if (zLen < 0 || rawLen < 0 || 28L + zLen != all.length) throw new LogCorruptedException(where + ": snapshot length does not match its header");
        CRC32C c = new CRC32C();
        c.update(all, 28, zLen);
        if ((int) c.getValue() != crc) throw new LogCorruptedException(where + ": snapshot checksum mismatch");
        Inflater inf = new Inflater();
        inf.setInput(all, 28, zLen);
        byte[] raw = new byte[rawLen];
        try {
            int n = 0;
            while (n < rawLen && !inf.finished()) {
                int k = inf.inflate(raw, n, rawLen - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                n += k;
            }
            if (n != rawLen) throw new LogCorruptedException(where + ": snapshot inflates to " + n + " bytes, header says " + rawLen);
        } catch (DataFormatException e) {
            throw new LogCorruptedException(where + ": snapshot does not inflate: " + e.getMessage());
        } finally {
            inf.end();
        }
        return raw;
    }

    private static List<InputLog.Entry> readSnapshot(Path snap) throws IOException {
        byte[] raw = snapshotBytes(snap);
        long count = ByteBuffer.wrap(Files.readAllBytes(snap), 8, 8).getLong();
        LogRecords.Scan scan = LogRecords.scan(raw, 0, raw.length, 0, 0);
        if (scan.damage() != null) throw new LogCorruptedException(snap + ": " + scan.damage());
        if (scan.entries().size() != count) {
            throw new LogCorruptedException(snap + ": holds " + scan.entries().size() + " records, header says " + count);
        }
        return scan.entries();
    }
}
