package org.mesocosm.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    @TempDir
    Path dir;

    /**
     * Many writers at once: when awaitDurable returns the record is in the log file (checked for
     * every 50th), records come back in submission order, and concurrent records share forces.
     */
    @Test
    void concurrentSubmissionsShareForcesAndComeBackInOrder() throws Exception {
        List<InputLog.Entry> sample = DurableInputLogTest.sample(4000);
        AtomicLong reported = new AtomicLong();
        DurableInputLog log = DurableInputLog.open(dir, new DurableInputLog.Options(true, 0)).log();
        GroupCommit gc = new GroupCommit(log, GroupCommit.DEFAULT_MAX_BATCH, d -> {
            if (d < reported.get()) throw new AssertionError("durable point went back");
            reported.set(d);
        });
        List<InputLog.Entry> order = Collections.synchronizedList(new ArrayList<>());
        Object submitLock = new Object();
        int threads = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int k = 0; k < threads; k++) {
            int first = k;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int i = first; i < sample.size(); i += threads) {
                        long seq;
                        synchronized (submitLock) { // the event loop's order: the order records are submitted in
                            seq = gc.submit(sample.get(i).at(), sample.get(i).input());
                            order.add(sample.get(i));
                        }
                        gc.awaitDurable(seq, 30_000);
                        if (seq % 50 == 0) {
                            byte[] data = Files.readAllBytes(log.segment());
                            int inFile = LogRecords.scan(data, 16, data.length, 0, 16).entries().size();
                            if (inFile < seq) throw new AssertionError("record " + seq + " acknowledged with " + inFile + " in the file");
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            ts.add(t);
        }
        go.countDown();
        for (Thread t : ts) t.join();
        assertEquals(List.of(), errors);
        assertEquals(sample.size(), gc.durable());
        long forces = gc.forces();
        gc.close();
        assertEquals(sample.size(), reported.get());
        assertTrue(forces < sample.size(), "records shared no force: " + forces + " forces for " + sample.size() + " records");
        DurableInputLog.Recovered r = DurableInputLog.open(dir, new DurableInputLog.Options(true, 0));
        r.log().close();
        assertEquals(order, r.entries());
    }

    /** Batch limit 1: an fsync per record; snapshots are taken by the writer as records come. */
    @Test
    void perRecordModeForcesEachRecordAndSnapshots() throws Exception {
        List<InputLog.Entry> sample = DurableInputLogTest.sample(50);
        try (GroupCommit gc = new GroupCommit(DurableInputLog.open(dir, new DurableInputLog.Options(true, 20)).log(), 1, x -> { })) {
            long last = 0;
            for (InputLog.Entry e : sample) last = gc.submit(e.at(), e.input());
            gc.awaitDurable(last, 30_000);
            assertEquals(sample.size(), gc.forces());
            assertEquals(2, gc.snapshots());
        }
        DurableInputLog.Recovered r = DurableInputLog.open(dir, new DurableInputLog.Options(true, 0));
        r.log().close();
        assertEquals(sample, r.entries());
        assertEquals(40, r.snapshotRecords());
    }

    /** When the log cannot be written, waiters hear of it instead of being answered, and no more inputs are taken. */
    @Test
    void aBrokenLogFailsWaitersAndRefusesInputs() throws Exception {
        DurableInputLog log = DurableInputLog.open(dir, new DurableInputLog.Options(true, 0)).log();
        List<InputLog.Entry> sample = DurableInputLogTest.sample(3);
        GroupCommit gc = new GroupCommit(log, 16, x -> { });
        long ok = gc.submit(sample.get(0).at(), sample.get(0).input());
        gc.awaitDurable(ok, 30_000);
        log.close(); // the disk goes away under the writer
        long seq = gc.submit(sample.get(1).at(), sample.get(1).input());
        IOException e = assertThrows(IOException.class, () -> gc.awaitDurable(seq, 30_000));
        assertTrue(e.getMessage().contains("cannot be written"), e.getMessage());
        assertThrows(java.io.UncheckedIOException.class, () -> gc.submit(sample.get(2).at(), sample.get(2).input()));
        assertEquals(ok, gc.durable());
    }
}
