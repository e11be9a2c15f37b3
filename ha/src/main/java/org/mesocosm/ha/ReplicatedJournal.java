package org.mesocosm.ha;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.mesocosm.runtime.log.InputJournal;
import org.mesocosm.runtime.log.LogRecords;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.secrets.SecretChange;

/**
 * The leader's side of the replicated input log: group commit, as {@code GroupCommit} does for
 * the local log, where "durable" means committed by a majority of the masters. The event loop
 * queues each input as it feeds it; one writer thread proposes whatever queued up since its last
 * entry as one log entry ({@link ReplicatedBatch}), and releases what waited on those inputs
 * (answers, agent commands) once the entry is committed.
 *
 * <p>Proposals are pipelined: up to {@code maxInFlight} entries wait for their commit at once,
 * so an input that arrives while an entry is in flight does not wait for that entry's round trip
 * before its own starts. Order is kept three ways: the writer alone proposes, one entry after
 * the other, and Ratis gives an entry its log index inside the proposing call (the leader
 * appends it under its server lock before the call returns), so the log holds the entries in the
 * order this master handled their inputs; the writer checks that the committed indexes rise in
 * that order; and inputs become durable strictly in order, up to the last entry all of whose
 * predecessors committed, whatever order the commits are reported in.
 *
 * <p>A proposal that fails (this master lost its leadership, or no majority answered in time)
 * fails the journal for good, and with it every entry behind it, committed or not: this master
 * may have handled inputs that the log will not hold, so its state can no longer be trusted; its
 * process stops and restarts as a standby (fail-stop).
 */
final class ReplicatedJournal implements InputJournal {
    /** Proposes entries to the replicated log. */
    interface Committer {
        /**
         * Proposes one entry; the future gives the log index it was committed at, once a majority
         * has it, or fails. Called by one thread, one entry after the other: the log must order the
         * entries as the calls were made.
         */
        CompletableFuture<Long> propose(byte[] entry);
    }

    /** Entries that may wait for their commit at once when the caller does not say (see {@link HaNode}). */
    static final int DEFAULT_MAX_IN_FLIGHT = 8;
    private static final int MAX_BATCH = 4096;
    private final Committer committer;
    private final LongConsumer onDurable;
    private final long incarnation;
    private final String self;
    private final int maxInFlight;
    private final Object lock = new Object();
    /** Framed inputs (byte[]) and secret changes ({@link SecretChange}), in submission order. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    /** Entries proposed and not yet durable, oldest first. */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    /** Held while the durable mark moves and {@link #onDurable} is told: so it hears rising values only. */
    private final Object releaseOrder = new Object();
    private final Thread writer;
    private volatile String apiUrl = "";
    private boolean announce;
    private long submitted;
    /** The sequence number of the last input proposed (in flight or durable). */
    private long proposed;
    private long durable;
    private long released;
    private long entries;
    /** Log index of the last entry that became durable: each next one must be higher. */
    private long lastIndex = -1;
    private int peakInFlight;
    private IOException failure;
    private boolean closing;
    private volatile Consumer<IOException> onFailure = e -> { };

    /** One proposed entry: the sequence number of its last input, and how its commit ended (null: not yet). */
    private static final class InFlight {
        final long target;
        long index;
        Throwable error;
        boolean done;

        InFlight(long target) { this.target = target; }
    }

    ReplicatedJournal(Committer committer, LongConsumer onDurable, long incarnation, String self) {
        this(committer, onDurable, incarnation, self, DEFAULT_MAX_IN_FLIGHT);
    }

    /** @param maxInFlight entries proposed and not yet committed at most; 1 waits for each commit before the next proposal */
    ReplicatedJournal(Committer committer, LongConsumer onDurable, long incarnation, String self, int maxInFlight) {
        if (maxInFlight < 1) throw new IllegalArgumentException("at least one entry must be allowed in flight, got " + maxInFlight);
        this.committer = committer;
        this.onDurable = onDurable;
        this.incarnation = incarnation;
        this.self = self;
        this.maxInFlight = maxInFlight;
        this.writer = new Thread(this::run, "mesocosm-ha-proposer");
        writer.setDaemon(true);
        writer.start();
    }

    void apiUrl(String url) { this.apiUrl = url; }

    /** Proposes an entry even with no input in it: standbys learn from it who leads and where (a new leader sends one at once). */
    void announce() {
        synchronized (lock) {
            announce = true;
            lock.notifyAll();
        }
    }

    @Override
    public long submit(long at, Input in) {
        byte[] record = LogRecords.encode(at, in);
        synchronized (lock) {
            if (failure != null) throw new UncheckedIOException("the replicated log cannot take inputs: " + failure.getMessage(), failure);
            if (closing) throw new IllegalStateException("the replicated log is closed");
            queue.addLast(record);
            lock.notifyAll();
            return ++submitted;
        }
    }

    @Override
    public boolean carriesSecrets() {
        return true;
    }

    @Override
    public long submitSecret(SecretChange change) {
        synchronized (lock) {
            if (failure != null) throw new UncheckedIOException("the replicated log cannot take inputs: " + failure.getMessage(), failure);
            if (closing) throw new IllegalStateException("the replicated log is closed");
            queue.addLast(change);
            lock.notifyAll();
            return ++submitted;
        }
    }

    @Override
    public void jobUser(String jobId, String user) {
        synchronized (lock) {
            users.put(jobId, user); // goes out with the entry that holds the job's submission, or an earlier one
        }
    }

    @Override
    public long durable() {
        synchronized (lock) {
            return durable;
        }
    }

    /** Entries this master proposed and saw committed. */
    long entries() {
        synchronized (lock) {
            return entries;
        }
    }

    /** Most entries that waited for their commit at once so far. */
    int peakInFlight() {
        synchronized (lock) {
            return peakInFlight;
        }
    }

    @Override
    public void awaitDurable(long seq, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lock) {
            while (durable < seq) {
                if (failure != null) throw new IOException("the replicated log cannot take inputs: " + failure.getMessage(), failure);
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new IOException("no majority of the masters committed input " + seq + " within " + timeoutMillis + " ms");
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for the replicated log");
                }
            }
        }
    }

    @Override
    public void onFailure(Consumer<IOException> handler) {
        this.onFailure = handler;
        synchronized (lock) {
            if (failure != null) handler.accept(failure);
        }
    }

    /** Fails the journal for good (lost leadership, or an entry that could not be committed). */
    void fail(IOException e) {
        synchronized (lock) {
            if (failure != null) return;
            failure = e;
            lock.notifyAll();
        }
        onFailure.accept(e);
    }

    private void run() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
        while (true) {
            int n = 0;
            InFlight entry;
            Map<String, String> batchUsers;
            List<SecretChange> changes = new ArrayList<>();
            synchronized (lock) {
                while (failure == null && (inFlight.size() >= maxInFlight || (queue.isEmpty() && !announce && !closing))) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (failure != null || (queue.isEmpty() && !announce)) return; // failed, or closing with everything proposed
                announce = false;
                batch.reset();
                while (!queue.isEmpty() && queue.peekFirst() instanceof byte[] record && n < MAX_BATCH) {
                    queue.pollFirst();
                    batch.writeBytes(record);
                    n++;
                }
                // an entry's secret changes take effect after its inputs (see ReplicatedBatch): so only the changes that follow them go with it
                while (!queue.isEmpty() && queue.peekFirst() instanceof SecretChange change) {
                    queue.pollFirst();
                    changes.add(change);
                }
                batchUsers = new LinkedHashMap<>(users);
                users.clear();
                proposed += n + changes.size();
                entry = new InFlight(proposed);
                inFlight.addLast(entry);
                peakInFlight = Math.max(peakInFlight, inFlight.size());
            }
            CompletableFuture<Long> commit;
            try {
                // the only call that proposes, made on this thread alone, in queue order: the log orders the entries so
                commit = committer.propose(new ReplicatedBatch(incarnation, self, apiUrl, batch.toByteArray(), batchUsers, changes).encode());
            } catch (RuntimeException e) {
                commit = CompletableFuture.failedFuture(e);
            }
            commit.whenComplete((index, error) -> committed(entry, index, error));
        }
    }

    /** An entry's commit ended (any thread): moves the durable mark over every entry at the head that committed. */
    private void committed(InFlight entry, Long index, Throwable error) {
        synchronized (releaseOrder) {
            IOException failed = null;
            long now;
            synchronized (lock) {
                entry.done = true;
                entry.index = index == null ? -1 : index;
                entry.error = error;
                while (failure == null && !inFlight.isEmpty() && inFlight.peekFirst().done) {
                    InFlight head = inFlight.pollFirst();
                    if (head.error == null && head.index <= lastIndex) {
                        head.error = new IOException("the replicated log holds entry " + head.index + " proposed after entry " + lastIndex
                                + ": not in the order this master handled their inputs");
                    }
                    if (head.error != null) {
                        Throwable c = head.error instanceof java.util.concurrent.CompletionException && head.error.getCause() != null ? head.error.getCause() : head.error;
                        failed = c instanceof IOException io ? io : new IOException(c.toString(), c);
                        break;
                    }
                    lastIndex = head.index;
                    durable = head.target;
                    entries++;
                }
                now = durable;
                lock.notifyAll();
            }
            if (failed != null) {
                fail(failed); // every entry behind it fails with it: none of their inputs becomes durable
                return;
            }
            if (now > released) {
                released = now;
                onDurable.accept(now);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
