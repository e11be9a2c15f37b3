package org.mesocosm.ha;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.LogRecords;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.secrets.SecretChange;

class ReplicatedBatchTest {
    @Test
    void aBatchComesBackAsItWent() throws IOException {
        long seed = 19L;
        Random rnd = new Random(seed);
        for (int round = 0; round < 50; round++) {
            ByteArrayOutputStream records = new ByteArrayOutputStream();
            int n = rnd.nextInt(20);
            for (int i = 0; i < n; i++) {
                Input in = rnd.nextBoolean() ? new Input.TimerFired(rnd.nextInt(1000))
                        : new Input.TaskStatus("job-" + i + ".t.0.0", TaskState.RUNNING, -1, "pid " + rnd.nextInt());
                records.writeBytes(LogRecords.encode(1_000_000L * i, in));
            }
            Map<String, String> users = new LinkedHashMap<>();
            users.put("job-" + round, round % 2 == 0 ? null : "alice");
            List<SecretChange> secrets = new java.util.ArrayList<>();
            for (int i = rnd.nextInt(3); i > 0; i--) {
                byte[] sealed = new byte[1 + rnd.nextInt(40)];
                rnd.nextBytes(sealed);
                secrets.add(new SecretChange("s" + i, rnd.nextBoolean() ? null : sealed, rnd.nextLong()));
            }
            ReplicatedBatch b = new ReplicatedBatch(rnd.nextLong(), "m" + round, "http://127.0.0.1:" + round, records.toByteArray(), users, secrets);
            ReplicatedBatch back = ReplicatedBatch.decode(b.encode());
            assertEquals(b.incarnation(), back.incarnation(), "seed " + seed + " round " + round);
            assertEquals(b.proposer(), back.proposer());
            assertEquals(b.apiUrl(), back.apiUrl());
            assertEquals(b.jobUsers(), back.jobUsers());
            assertArrayEquals(b.records(), back.records());
            assertEquals(secrets.size(), back.secrets().size(), "seed " + seed + " round " + round);
            for (int i = 0; i < secrets.size(); i++) {
                assertEquals(secrets.get(i).name(), back.secrets().get(i).name());
                assertEquals(secrets.get(i).updatedAtMillis(), back.secrets().get(i).updatedAtMillis());
                assertArrayEquals(secrets.get(i).sealed(), back.secrets().get(i).sealed(), "seed " + seed + " round " + round + ": a deletion stays one");
            }
            List<InputLog.Entry> entries = back.inputs();
            assertEquals(n, entries.size(), "seed " + seed + " round " + round);
            assertEquals(n, back.recordCount(), "seed " + seed + " round " + round + ": the leader counts its own entries' inputs without decoding them");
        }
    }

    /** Entries written before secrets were replicated (magic MHA1, no secret section) still decode. */
    @Test
    void anEntryOfTheFirstFormatStillDecodes() throws IOException {
        byte[] record = LogRecords.encode(5, new Input.TimerFired(7));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(0x4d484131);
            out.writeLong(42);
            out.writeUTF("m1");
            out.writeUTF("http://x");
            out.writeInt(0);
            out.writeInt(record.length);
            out.write(record);
        }
        ReplicatedBatch back = ReplicatedBatch.decode(bytes.toByteArray());
        assertEquals(42, back.incarnation());
        assertEquals(List.of(), back.secrets());
        assertEquals(1, back.inputs().size());
    }

    @Test
    void damageIsAnErrorNotATornTail() {
        byte[] record = LogRecords.encode(5, new Input.TimerFired(7));
        byte[] cut = java.util.Arrays.copyOf(record, record.length - 3);
        ReplicatedBatch b = new ReplicatedBatch(1, "m1", "", cut, Map.of());
        assertThrows(IOException.class, () -> ReplicatedBatch.decode(b.encode()).inputs());
        byte[] notOurs = "hello, this is no batch".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> ReplicatedBatch.decode(notOurs));
    }
}
