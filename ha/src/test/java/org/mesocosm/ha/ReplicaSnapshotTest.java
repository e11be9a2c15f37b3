package org.mesocosm.ha;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.log.DurableInputLog;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.LogRecords;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.secrets.SecretChange;

/** A replicated master's snapshot file: what goes in comes out, its inputs are in snapshot.bin's format, and damage is refused. */
class ReplicaSnapshotTest {
    @TempDir
    Path tmp;

    @Test
    void aSnapshotComesBackAsItWentAndHoldsItsInputsInTheSingleMastersFormat() throws IOException {
        long seed = 1907L;
        Random rnd = new Random(seed);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int n = 200 + rnd.nextInt(100);
        for (int i = 0; i < n; i++) raw.writeBytes(LogRecords.encode(1000L * i, new Input.TimerFired(rnd.nextInt(1_000_000))));
        Map<String, String> users = new TreeMap<>(Map.of("job-1", "alice"));
        users.put("job-2", null);
        byte[] sealed = new byte[48];
        rnd.nextBytes(sealed);
        ReplicaSnapshot snap = ReplicaSnapshot.of(n, raw.toByteArray(), users, Map.of("m1", "http://127.0.0.1:1"),
                List.of(new SecretChange("db-pass", sealed, 1234)));
        Path file = tmp.resolve("snapshot.1_99");
        long size = snap.write(file);
        assertEquals(Files.size(file), size);
        ReplicaSnapshot back = ReplicaSnapshot.read(file);
        assertEquals(n, back.records(), "seed " + seed);
        assertEquals(users, back.jobUsers());
        assertEquals(Map.of("m1", "http://127.0.0.1:1"), back.apiUrls());
        assertArrayEquals(sealed, back.secrets().get(0).sealed());
        assertEquals(1234, back.secrets().get(0).updatedAtMillis());
        byte[] records = back.rawRecords(file.toString());
        assertArrayEquals(raw.toByteArray(), records);
        List<InputLog.Entry> entries = LogRecords.decodeAll(records, 0, records.length);
        assertEquals(n, entries.size());
        // the inputs are a snapshot.bin image: the single master's reader takes them as they are
        assertArrayEquals(raw.toByteArray(), DurableInputLog.snapshotImageRecords(back.image(), "image"));
        assertTrue(size < raw.size(), "deflated: " + size + " bytes for " + raw.size() + " bytes of inputs");
    }

    @Test
    void aChangedByteIsRefused() throws IOException {
        ReplicaSnapshot snap = ReplicaSnapshot.of(1, LogRecords.encode(5, new Input.TimerFired(7)), Map.of(), Map.of(), List.of());
        byte[] bytes = snap.encode();
        for (int i = 0; i < bytes.length; i += 7) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= 0x10;
            int at = i;
            assertThrows(IOException.class, () -> ReplicaSnapshot.decode(damaged, "snapshot (byte " + at + " changed)"), "byte " + at);
        }
    }
}
