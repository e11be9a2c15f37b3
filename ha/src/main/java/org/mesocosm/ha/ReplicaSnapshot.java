package org.mesocosm.ha;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.mesocosm.runtime.log.DurableInputLog;
import org.mesocosm.runtime.log.LogCorruptedException;
import org.mesocosm.runtime.secrets.SecretChange;

/**
 * A replicated master's snapshot (one Ratis snapshot file, {@code snapshot.TERM_INDEX}): every
 * input the replicated log held up to that index, in the single master's snapshot format
 * ({@link DurableInputLog#snapshotImage}: a master is rebuilt by replaying its inputs, so its
 * snapshot is its compacted input log), and what lives beside the inputs: the users of the jobs,
 * each master's API URL, and the named secrets, sealed as the store keeps them (never in plain
 * text). A CRC32C over the whole file catches damage.
 *
 * @param records how many inputs {@code image} holds
 * @param image the inputs, in {@code snapshot.bin}'s format
 */
record ReplicaSnapshot(long records, byte[] image, Map<String, String> jobUsers, Map<String, String> apiUrls, List<SecretChange> secrets) {
    private static final int MAGIC = 0x4d485331; // "MHS1"

    /** A snapshot of {@code count} inputs framed in {@code raw} (as the replicated log's entries hold them). */
    static ReplicaSnapshot of(long count, byte[] raw, Map<String, String> jobUsers, Map<String, String> apiUrls, List<SecretChange> secrets) {
        return new ReplicaSnapshot(count, DurableInputLog.snapshotImage(raw, count), jobUsers, apiUrls, secrets);
    }

    /** The inputs, framed, checked against the image's header and checksum. */
    byte[] rawRecords(String where) throws LogCorruptedException {
        byte[] raw = DurableInputLog.snapshotImageRecords(image, where);
        if (DurableInputLog.snapshotImageCount(image) != records) throw new LogCorruptedException(where + ": input count differs from the image's");
        return raw;
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.length + 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeLong(records);
            out.writeInt(jobUsers.size());
            for (Map.Entry<String, String> e : jobUsers.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeBoolean(e.getValue() != null);
                if (e.getValue() != null) out.writeUTF(e.getValue());
            }
            out.writeInt(apiUrls.size());
            for (Map.Entry<String, String> e : apiUrls.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeInt(secrets.size());
            for (SecretChange s : secrets) {
                out.writeUTF(s.name());
                out.writeLong(s.updatedAtMillis());
                out.writeInt(s.sealed().length);
                out.write(s.sealed());
            }
            out.writeInt(image.length);
            out.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        return ByteBuffer.allocate(bytes.size() + 4).put(bytes.toByteArray()).putInt((int) crc.getValue()).array();
    }

    static ReplicaSnapshot decode(byte[] data, String where) throws IOException {
        if (data.length < 8) throw new LogCorruptedException(where + ": snapshot cut short");
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(data, data.length - 4, 4).getInt()) throw new LogCorruptedException(where + ": snapshot checksum mismatch");
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data, 0, data.length - 4));
        if (in.readInt() != MAGIC) throw new LogCorruptedException(where + ": not a replicated master's snapshot (bad magic)");
        long records = in.readLong();
        int users = count(in.readInt(), where, "user");
        Map<String, String> jobUsers = new LinkedHashMap<>();
        for (int i = 0; i < users; i++) {
            String job = in.readUTF();
            jobUsers.put(job, in.readBoolean() ? in.readUTF() : null);
        }
        int urls = count(in.readInt(), where, "URL");
        Map<String, String> apiUrls = new LinkedHashMap<>();
        for (int i = 0; i < urls; i++) apiUrls.put(in.readUTF(), in.readUTF());
        int n = count(in.readInt(), where, "secret");
        List<SecretChange> secrets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            long at = in.readLong();
            secrets.add(new SecretChange(name, in.readNBytes(count(in.readInt(), where, "sealed byte")), at));
        }
        byte[] image = in.readNBytes(count(in.readInt(), where, "image byte"));
        return new ReplicaSnapshot(records, image, jobUsers, apiUrls, secrets);
    }

    private static int count(int n, String where, String what) throws LogCorruptedException {
        if (n < 0) throw new LogCorruptedException(where + ": negative " + what + " count");
        return n;
    }

    /** Writes the snapshot to a temporary file, forces it, and renames it into place. Returns its size in bytes. */
    long write(Path file) throws IOException {
        byte[] bytes = encode();
        Path tmp = file.resolveSibling("writing-" + file.getFileName()); // not snapshot.*: Ratis would take it for a snapshot
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return bytes.length;
    }

    static ReplicaSnapshot read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }
}
