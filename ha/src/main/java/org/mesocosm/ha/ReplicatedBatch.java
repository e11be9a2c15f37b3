package org.mesocosm.ha;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.LogRecords;
import org.mesocosm.runtime.secrets.SecretChange;

/**
 * One entry of the replicated log: the inputs a leader fed its master since its previous entry
 * (framed exactly as in the local write-ahead log, {@link LogRecords}), the users of the jobs
 * submitted among them, and who proposed it: the proposing process's incarnation (so a leader
 * knows the entries it applied already), its master id and API URL (so standbys can send clients
 * to it), and the changes to named secrets made after those inputs (sealed with the masters'
 * shared key; never a value in plain text).
 */
record ReplicatedBatch(long incarnation, String proposer, String apiUrl, byte[] records, Map<String, String> jobUsers, List<SecretChange> secrets) {
    /** Entries without secret changes (written before secrets were replicated). */
    private static final int MAGIC_V1 = 0x4d484131; // "MHA1"
    private static final int MAGIC = 0x4d484132; // "MHA2": secret changes after the users

    ReplicatedBatch(long incarnation, String proposer, String apiUrl, byte[] records, Map<String, String> jobUsers) {
        this(incarnation, proposer, apiUrl, records, jobUsers, List.of());
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(records.length + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeLong(incarnation);
            out.writeUTF(proposer);
            out.writeUTF(apiUrl);
            out.writeInt(jobUsers.size());
            for (Map.Entry<String, String> e : jobUsers.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeBoolean(e.getValue() != null);
                if (e.getValue() != null) out.writeUTF(e.getValue());
            }
            out.writeInt(secrets.size());
            for (SecretChange c : secrets) { // sealed as the store keeps them: no value crosses the log in plain text
                out.writeUTF(c.name());
                out.writeLong(c.updatedAtMillis());
                out.writeInt(c.deleted() ? -1 : c.sealed().length);
                if (!c.deleted()) out.write(c.sealed());
            }
            out.writeInt(records.length);
            out.write(records);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static ReplicatedBatch decode(byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data));
        int magic = in.readInt();
        if (magic != MAGIC && magic != MAGIC_V1) throw new IOException("replicated entry: not a Mesocosm master batch (bad magic)");
        long incarnation = in.readLong();
        String proposer = in.readUTF();
        String url = in.readUTF();
        int users = in.readInt();
        if (users < 0) throw new IOException("replicated entry: negative user count");
        Map<String, String> jobUsers = new LinkedHashMap<>();
        for (int i = 0; i < users; i++) {
            String job = in.readUTF();
            jobUsers.put(job, in.readBoolean() ? in.readUTF() : null);
        }
        List<SecretChange> secrets = new ArrayList<>();
        int changes = magic == MAGIC ? in.readInt() : 0;
        if (changes < 0) throw new IOException("replicated entry: negative secret count");
        for (int i = 0; i < changes; i++) {
            String name = in.readUTF();
            long at = in.readLong();
            int len = in.readInt();
            if (len > in.available()) throw new IOException("replicated entry: sealed secret length " + len + " beyond the entry");
            secrets.add(new SecretChange(name, len < 0 ? null : in.readNBytes(len), at));
        }
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("replicated entry: records length " + n + " beyond the entry");
        byte[] records = in.readNBytes(n);
        return new ReplicatedBatch(incarnation, proposer, url, records, jobUsers, secrets);
    }

    /**
     * How many inputs {@link #records} frames, read from the length fields alone (no checksum, no
     * decoding): for a master's own entries, whose inputs it encoded itself.
     */
    int recordCount() {
        int n = 0;
        for (int pos = 0; pos + LogRecords.HEADER_BYTES <= records.length; n++) {
            int len = java.nio.ByteBuffer.wrap(records, pos, 4).getInt();
            if (len < 0) throw new IllegalStateException("replicated entry: negative record length at byte " + pos);
            pos += LogRecords.HEADER_BYTES + len;
        }
        return n;
    }

    List<InputLog.Entry> inputs() throws IOException {
        return LogRecords.decodeAll(records, 0, records.length);
    }
}
