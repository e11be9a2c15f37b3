package org.mesocosm.ha;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.LogRecords;

/**
 * One entry of the replicated log: the inputs a leader fed its master since its previous entry
 * (framed exactly as in the local write-ahead log, {@link LogRecords}), the users of the jobs
 * submitted among them, and who proposed it: the proposing process's incarnation (so a leader
 * knows the entries it applied already), its master id and API URL (so standbys can send clients
 * to it).
 */
record ReplicatedBatch(long incarnation, String proposer, String apiUrl, byte[] records, Map<String, String> jobUsers) {
    private static final int MAGIC = 0x4d484131; // "MHA1"

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
            out.writeInt(records.length);
            out.write(records);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static ReplicatedBatch decode(byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data));
        if (in.readInt() != MAGIC) throw new IOException("replicated entry: not a Mesocosm master batch (bad magic)");
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
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("replicated entry: records length " + n + " beyond the entry");
        byte[] records = in.readNBytes(n);
        return new ReplicatedBatch(incarnation, proposer, url, records, jobUsers);
    }

    List<InputLog.Entry> inputs() throws IOException {
        return LogRecords.decodeAll(records, 0, records.length);
    }
}
