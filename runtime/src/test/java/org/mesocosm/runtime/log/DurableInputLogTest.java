package org.mesocosm.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

class DurableInputLogTest {
    private static final DurableInputLog.Options NO_SNAPSHOTS = new DurableInputLog.Options(true, 0);

    static List<InputLog.Entry> sample(int n) {
        List<InputLog.Entry> out = new ArrayList<>();
        out.add(new InputLog.Entry(0, new Input.AgentAdded("a1", Resources.of(4000, 8192), Map.of("zone", "z1"))));
        for (int i = 0; out.size() < n; i++) {
            long t = 1000L * (i + 1);
            switch (i % 5) {
                case 0 -> out.add(new InputLog.Entry(t, new Input.JobSubmitted(new JobSpec("j" + i, "r", JobKind.BATCH, 7,
                        List.of(TaskSpec.simulated("t", 2, Resources.of(100, 64), SimProfile.fixed(5_000_001L, 0.25))), 1))));
                case 1 -> out.add(new InputLog.Entry(t, new Input.TaskStatus("j" + (i - 1) + ".t.0.0", TaskState.RUNNING, 0, "")));
                case 2 -> out.add(new InputLog.Entry(t, new Input.TimerFired(i)));
                case 3 -> out.add(new InputLog.Entry(t, new Input.AgentReregistered("a1", Resources.of(4000, 8192), Map.of("zone", "z1"),
                        List.of("x.t.0.0", "y.t.1.2"))));
                default -> out.add(new InputLog.Entry(t, new Input.TaskStatus("j" + (i - 4) + ".t.1.0", TaskState.FAILED, 3, "exit ü")));
            }
        }
        return out;
    }

    private static void write(Path dir, List<InputLog.Entry> entries, DurableInputLog.Options o) throws IOException {
        try (DurableInputLog log = DurableInputLog.open(dir, o).log()) {
            for (InputLog.Entry e : entries) log.append(e.at(), e.input());
        }
    }

    private static Path onlySegment(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            List<Path> segs = s.filter(p -> p.getFileName().toString().startsWith("wal-")).toList();
            assertEquals(1, segs.size(), "segments: " + segs);
            return segs.get(0);
        }
    }

    @Test
    void roundTrip(@TempDir Path dir) throws IOException {
        List<InputLog.Entry> in = sample(200);
        write(dir, in, NO_SNAPSHOTS);
        DurableInputLog.Recovered r = DurableInputLog.open(dir, NO_SNAPSHOTS);
        r.log().close();
        assertEquals(in, r.entries());
        assertNull(r.truncatedTail());
    }

    @Test
    void appendsContinueAfterReopen(@TempDir Path dir) throws IOException {
        List<InputLog.Entry> in = sample(60);
        write(dir, in.subList(0, 25), NO_SNAPSHOTS);
        write(dir, in.subList(25, 60), NO_SNAPSHOTS);
        DurableInputLog.Recovered r = DurableInputLog.open(dir, NO_SNAPSHOTS);
        r.log().close();
        assertEquals(in, r.entries());
    }

    @Test
    void snapshotsCompactThePrefixAndRecoveryReadsSnapshotPlusTail(@TempDir Path dir) throws IOException {
        List<InputLog.Entry> in = sample(250);
        DurableInputLog.Options every40 = new DurableInputLog.Options(true, 40);
        write(dir, in, every40);
        DurableInputLog.Recovered r = DurableInputLog.open(dir, every40);
        r.log().close();
        assertEquals(in, r.entries());
        assertEquals(240, r.snapshotRecords());
        assertEquals(1, onlySegment(dir).getFileName().toString().compareTo("wal-00000000000000000240.log") == 0 ? 1 : 0);
        long rawBytes = 0;
        for (InputLog.Entry e : in) rawBytes += LogRecords.encode(e.at(), e.input()).length;
        assertTrue(Files.size(dir.resolve("snapshot.bin")) * 3 < rawBytes, "snapshot is compacted");
    }

    @Test
    void tornTailIsReportedAndTruncatedAtEveryCutPoint(@TempDir Path root) throws IOException {
        List<InputLog.Entry> in = sample(12);
        byte[] last = LogRecords.encode(in.get(11).at(), in.get(11).input());
        for (int keep = 0; keep < last.length; keep += Math.max(1, keep / 3)) {
            Path dir = root.resolve("cut" + keep);
            write(dir, in.subList(0, 11), NO_SNAPSHOTS);
            Path seg = onlySegment(dir);
            long goodSize = Files.size(seg);
            Files.write(seg, java.util.Arrays.copyOf(last, keep), StandardOpenOption.APPEND);
            DurableInputLog.Recovered r = DurableInputLog.open(dir, NO_SNAPSHOTS);
            assertEquals(in.subList(0, 11), r.entries(), "cut at " + keep);
            if (keep == 0) {
                assertNull(r.truncatedTail());
            } else {
                assertNotNull(r.truncatedTail(), "cut at " + keep);
                assertEquals(11, r.truncatedTail().recordIndex());
                assertEquals(goodSize, r.truncatedTail().byteOffset());
                assertTrue(r.truncatedTail().reason().contains("cut short"), r.truncatedTail().reason());
            }
            assertEquals(goodSize, Files.size(seg), "the torn bytes are gone");
            // the log takes appends again, and they read back
            r.log().append(in.get(11).at(), in.get(11).input());
            r.log().close();
            DurableInputLog.Recovered again = DurableInputLog.open(dir, NO_SNAPSHOTS);
            again.log().close();
            assertEquals(in, again.entries());
            assertNull(again.truncatedTail());
        }
    }

    @Test
    void zeroFilledTailIsTorn(@TempDir Path dir) throws IOException {
        List<InputLog.Entry> in = sample(10);
        write(dir, in, NO_SNAPSHOTS);
        Files.write(onlySegment(dir), new byte[4096], StandardOpenOption.APPEND);
        DurableInputLog.Recovered r = DurableInputLog.open(dir, NO_SNAPSHOTS);
        r.log().close();
        assertEquals(in, r.entries());
        assertEquals(10, r.truncatedTail().recordIndex());
    }

    /**
     * Issue 18: a last record complete to its declared length that fails its checksum was written
     * and forced whole (it was acknowledged), then changed: corruption, reported as a lost input,
     * not a torn tail cut off silently. It is still cut, so that the master can start.
     */
    @Test
    void flippedByteInACompleteLastRecordIsCorruptionNotATornTail(@TempDir Path dir) throws IOException {
        List<InputLog.Entry> in = sample(10);
        write(dir, in, NO_SNAPSHOTS);
        Path seg = onlySegment(dir);
        flip(seg, Files.size(seg) - 3);
        DurableInputLog.Recovered r = DurableInputLog.open(dir, NO_SNAPSHOTS);
        r.log().close();
        assertEquals(in.subList(0, 9), r.entries());
        assertEquals(9, r.truncatedTail().recordIndex());
        assertTrue(r.truncatedTail().corruption(), r.truncatedTail().toString());
        assertTrue(r.truncatedTail().reason().contains("corruption, not a torn write"), r.truncatedTail().reason());
        String said = new org.mesocosm.runtime.live.RecoveryReport(dir, 9, 0, r.truncatedTail(), 0, 1, 0).describe();
        assertTrue(said.contains("CORRUPTION") && said.contains("acknowledged is LOST"), said);
    }

    /** A last record whose payload ends in zeros is what a write torn at a block boundary leaves: a torn tail still. */
    @Test
    void lastRecordEndingInZerosIsATornTail(@TempDir Path dir) throws IOException {
        List<InputLog.Entry> in = sample(10);
        write(dir, in, NO_SNAPSHOTS);
        Path seg = onlySegment(dir);
        long size = Files.size(seg);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(16), size - 16);
        }
        DurableInputLog.Recovered r = DurableInputLog.open(dir, NO_SNAPSHOTS);
        r.log().close();
        assertEquals(in.subList(0, 9), r.entries());
        assertEquals("checksum mismatch", r.truncatedTail().reason());
        assertTrue(!r.truncatedTail().corruption());
    }

    @Test
    void flippedByteInTheMiddleIsAnErrorNamingTheRecord(@TempDir Path dir) throws IOException {
        List<InputLog.Entry> in = sample(10);
        write(dir, in, NO_SNAPSHOTS);
        Path seg = onlySegment(dir);
        long offset = 16;
        for (int i = 0; i < 4; i++) offset += LogRecords.encode(in.get(i).at(), in.get(i).input()).length;
        long before = Files.size(seg);
        for (long at : new long[] {offset + 2, offset + 5, offset + 9, offset + 20}) { // length, its check, checksum, payload
            flip(seg, at);
            LogCorruptedException e = assertThrows(LogCorruptedException.class, () -> DurableInputLog.open(dir, NO_SNAPSHOTS));
            assertTrue(e.getMessage().contains("record 4 at byte " + offset), e.getMessage());
            assertEquals(before, Files.size(seg), "nothing truncated");
            flip(seg, at);
        }
    }

    @Test
    void damagedSnapshotIsAnError(@TempDir Path dir) throws IOException {
        write(dir, sample(100), new DurableInputLog.Options(true, 50));
        flip(dir.resolve("snapshot.bin"), 40);
        LogCorruptedException e = assertThrows(LogCorruptedException.class, () -> DurableInputLog.open(dir, NO_SNAPSHOTS));
        assertTrue(e.getMessage().contains("snapshot"), e.getMessage());
    }

    static void flip(Path file, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x10)).rewind();
            ch.write(b, at);
        }
    }
}
