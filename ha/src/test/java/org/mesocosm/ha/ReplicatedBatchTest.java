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
            ReplicatedBatch b = new ReplicatedBatch(rnd.nextLong(), "m" + round, "http://127.0.0.1:" + round, records.toByteArray(), users);
            ReplicatedBatch back = ReplicatedBatch.decode(b.encode());
            assertEquals(b.incarnation(), back.incarnation(), "seed " + seed + " round " + round);
            assertEquals(b.proposer(), back.proposer());
            assertEquals(b.apiUrl(), back.apiUrl());
            assertEquals(b.jobUsers(), back.jobUsers());
            assertArrayEquals(b.records(), back.records());
            List<InputLog.Entry> entries = back.inputs();
            assertEquals(n, entries.size(), "seed " + seed + " round " + round);
        }
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
