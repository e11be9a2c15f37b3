package org.mesocosm.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.ha.ReplicatedMastersTest.Master;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.master.Input;

/**
 * The pipelined proposer against a real group of three masters (Ratis on loopback, mutual TLS):
 * seeded runs with random bursts of inputs, random limits on the entries in flight, commits
 * reported back in a shuffled order (each after a random delay), and in some runs one entry that
 * fails, either refused before it reaches the log or reported failed after the log took it. In
 * every run: the durable mark never passes an input whose entry, or any entry before it, was not
 * committed; it only rises; the log holds the entries in the order the inputs were submitted, at
 * rising indexes; and after a failure nothing more becomes durable and the journal refuses inputs.
 */
class ReplicatedJournalTest {
    private static final int RUNS = Integer.getInteger("mesocosm.hatest.journalRuns", 12);

    @TempDir
    Path tmp;

    /** Wraps the leader's real proposals: delays each reported commit at random, and fails one chosen entry. */
    private static final class Faulty implements ReplicatedJournal.Committer {
        final HaNode node;
        final Random rnd;
        final ScheduledExecutorService delays;
        final int failEntry;
        final boolean failBeforeLog;
        final List<byte[]> proposed = Collections.synchronizedList(new ArrayList<>());
        /** Entry number -> its log index, for entries the log committed and that were reported committed. */
        final Map<Integer, Long> committed = new ConcurrentHashMap<>();

        Faulty(HaNode node, Random rnd, ScheduledExecutorService delays, int failEntry, boolean failBeforeLog) {
            this.node = node;
            this.rnd = rnd;
            this.delays = delays;
            this.failEntry = failEntry;
            this.failBeforeLog = failBeforeLog;
        }

        @Override
        public CompletableFuture<Long> propose(byte[] entry) {
            int no = proposed.size();
            proposed.add(entry);
            if (no == failEntry && failBeforeLog) return CompletableFuture.failedFuture(new IOException("injected: refused before the log took it"));
            CompletableFuture<Long> real = node.propose(entry);
            long delay = rnd.nextInt(15);
            CompletableFuture<Long> reported = new CompletableFuture<>();
            real.whenComplete((index, error) -> delays.schedule(() -> {
                if (error != null) {
                    reported.completeExceptionally(error);
                } else if (no == failEntry) {
                    reported.completeExceptionally(new IOException("injected: committed, reported failed"));
                } else {
                    committed.put(no, index);
                    reported.complete(index);
                }
            }, delay, TimeUnit.MILLISECONDS));
            return reported;
        }

        /** Inputs in the entries proposed so far, in proposal order, and the entry each is in. */
        List<long[]> inputsByEntry() throws IOException {
            List<long[]> out = new ArrayList<>();
            List<byte[]> copy;
            synchronized (proposed) {
                copy = List.copyOf(proposed);
            }
            for (int e = 0; e < copy.size(); e++) {
                for (InputLog.Entry in : ReplicatedBatch.decode(copy.get(e)).inputs()) {
                    out.add(new long[] {((Input.TimerFired) in.input()).timerId(), e});
                }
            }
            return out;
        }
    }

    @Test
    @Timeout(300)
    void durableNeverPassesAnUncommittedInputAndTheLogKeepsTheOrder() throws Exception {
        Peers group = ReplicatedMastersTest.loopbackGroup();
        PeerCertificates certs = new PeerCertificates(group.ids());
        List<Master> masters = new ArrayList<>();
        ScheduledExecutorService delays = Executors.newScheduledThreadPool(4);
        int pipelined = 0;
        try {
            for (String id : group.ids()) masters.add(ReplicatedMastersTest.start(tmp.resolve(id), group, id, ReplicatedMastersTest.FAST, certs.of(id)));
            Master leader = ReplicatedMastersTest.awaitLeader(masters, java.time.Duration.ofSeconds(60));
            HaNode node = leader.node();
            for (long seed = 1; seed <= RUNS; seed++) {
                Random rnd = new Random(seed);
                int inputs = 40 + rnd.nextInt(120);
                int maxInFlight = 1 + rnd.nextInt(8);
                int failEntry = rnd.nextInt(3) == 0 ? 2 + rnd.nextInt(20) : -1;
                Faulty committer = new Faulty(node, new Random(seed * 31), delays, failEntry, rnd.nextBoolean());
                List<Long> marks = Collections.synchronizedList(new ArrayList<>());
                long base = 1_000_000_000L * seed; // timer ids no master armed: a standby applying them does nothing
                String at = "seed " + seed + " (inputs " + inputs + ", in flight " + maxInFlight + ", failing entry " + failEntry + ")";
                ReplicatedJournal journal = new ReplicatedJournal(committer, marks::add, node.incarnation(), node.self(), maxInFlight);
                try {
                    int sent = 0;
                    while (sent < inputs) {
                        int burst = Math.min(inputs - sent, 1 + rnd.nextInt(20));
                        try {
                            for (int i = 0; i < burst; i++, sent++) {
                                assertEquals(sent + 1, journal.submit(System.currentTimeMillis() * 1000, new Input.TimerFired(base + sent + 1)), at);
                            }
                        } catch (UncheckedIOException refused) {
                            assertTrue(failEntry >= 0, at + ": refused an input with no failure injected: " + refused);
                            break;
                        }
                        checkDurable(journal.durable(), committer, base, at);
                        Thread.sleep(rnd.nextInt(4));
                    }
                    boolean failed;
                    try {
                        journal.awaitDurable(sent, 60_000);
                        failed = false;
                    } catch (IOException e) {
                        failed = true;
                        assertTrue(failEntry >= 0 && e.getMessage().contains("injected"), at + ": the journal failed for another reason: " + e.getMessage());
                    }
                    if (failed) {
                        assertTrue(journal.durable() < sent, at);
                        assertThrows(UncheckedIOException.class, () -> journal.submit(0, new Input.TimerFired(1)), at + ": a failed journal took an input");
                    } else {
                        assertEquals(inputs, sent, at);
                        assertEquals(inputs, journal.durable(), at);
                        assertTrue(committer.proposed.size() <= failEntry || failEntry < 0, at + ": the failing entry was proposed, yet all became durable");
                    }
                    long d = journal.durable();
                    checkDurable(d, committer, base, at);
                    // the callback is told after waiters wake (as with the local log's group commit): give it a moment
                    for (long until = System.nanoTime() + 5_000_000_000L; d > 0 && !marks.contains(d) && System.nanoTime() < until; ) Thread.sleep(5);
                    List<Long> seen = List.copyOf(marks);
                    for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i) > seen.get(i - 1), at + ": durable went " + seen);
                    if (!seen.isEmpty()) assertEquals(d, seen.get(seen.size() - 1), at);
                    // the entries hold the inputs in submission order, and the log took the committed ones at rising indexes
                    List<long[]> order = committer.inputsByEntry();
                    for (int i = 0; i < order.size(); i++) assertEquals(base + i + 1, order.get(i)[0], at + ": input " + (i + 1) + " out of order");
                    long previous = -1;
                    for (int e = 0; e < committer.proposed.size(); e++) {
                        Long index = committer.committed.get(e);
                        if (index == null) continue;
                        assertTrue(index > previous, at + ": entry " + e + " logged at " + index + " after " + previous);
                        previous = index;
                    }
                    if (journal.peakInFlight() > 1) pipelined++;
                } finally {
                    journal.close();
                }
            }
            assertTrue(pipelined > 0, "no run had two entries in flight at once: the pipeline was never exercised");
        } finally {
            delays.shutdownNow();
            for (Master m : masters) m.close();
        }
    }

    /** Every input up to {@code durable} is in an entry that committed, and so is every entry before that one. */
    private static void checkDurable(long durable, Faulty committer, long base, String at) throws IOException {
        if (durable == 0) return;
        List<long[]> order = committer.inputsByEntry();
        assertTrue(durable <= order.size(), at + ": durable " + durable + " beyond the " + order.size() + " inputs proposed");
        long lastEntry = order.get((int) durable - 1)[1];
        for (int e = 0; e <= lastEntry; e++) {
            assertTrue(committer.committed.containsKey(e), at + ": input " + durable + " durable, but entry " + e + " (of those before it) was not committed");
        }
    }
}
