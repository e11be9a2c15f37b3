package org.mesocosm.ha;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * entry as one log entry ({@link ReplicatedBatch}), waits for the commit, then releases what
 * waited on those inputs (answers, agent commands). One entry is in flight at a time, so the log
 * holds the inputs in exactly the order this master handled them.
 *
 * <p>A proposal that fails (this master lost its leadership, or no majority answered in time)
 * fails the journal for good: this master may have handled inputs that the log will not hold, so
 * its state can no longer be trusted; its process stops and restarts as a standby (fail-stop).
 */
final class ReplicatedJournal implements InputJournal {
    /** Proposes one entry and blocks until a majority committed it; throws if it cannot. */
    interface Committer {
        void commit(byte[] entry) throws IOException;
    }

    private static final int MAX_BATCH = 4096;
    private final Committer committer;
    private final LongConsumer onDurable;
    private final long incarnation;
    private final String self;
    private final Object lock = new Object();
    /** Framed inputs (byte[]) and secret changes ({@link SecretChange}), in submission order. */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    private final Thread writer;
    private volatile String apiUrl = "";
    private boolean announce;
    private long submitted;
    private long durable;
    private long entries;
    private IOException failure;
    private boolean closing;
    private volatile Consumer<IOException> onFailure = e -> { };

    ReplicatedJournal(Committer committer, LongConsumer onDurable, long incarnation, String self) {
        this.committer = committer;
        this.onDurable = onDurable;
        this.incarnation = incarnation;
        this.self = self;
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
            long target;
            Map<String, String> batchUsers;
            List<SecretChange> changes = new ArrayList<>();
            synchronized (lock) {
                while (queue.isEmpty() && !announce && !closing && failure == null) {
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
                target = durable + n + changes.size();
            }
            try {
                committer.commit(new ReplicatedBatch(incarnation, self, apiUrl, batch.toByteArray(), batchUsers, changes).encode());
            } catch (IOException | RuntimeException e) {
                fail(e instanceof IOException io ? io : new IOException(e.toString(), e));
                return;
            }
            synchronized (lock) {
                durable = target;
                entries++;
                lock.notifyAll();
            }
            onDurable.accept(target);
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
