package org.mesocosm.runtime.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.mesocosm.runtime.master.Input;

/**
 * Group commit for the {@link DurableInputLog}. The master's event loop hands over each input as
 * it feeds it ({@link #submit}: encode and queue, no I/O), and one writer thread writes whatever
 * has queued up since its last round and forces it with a single fsync. Whatever depends on an
 * input (the HTTP answer to a submission, the commands the master emitted for it) waits until
 * the log is durable up to that input ({@link #awaitDurable}, the {@code onDurable} callback), so
 * nothing leaves the master before its cause is on disk, while requests arriving together share
 * one fsync. With {@code maxBatch} 1 every record is forced on its own (for comparison).
 *
 * <p>Sequence numbers count records in the log, snapshot included: the input submitted when
 * the log held n records gets n + 1.
 */
public final class GroupCommit implements InputJournal {
    public static final int DEFAULT_MAX_BATCH = 4096;
    /**
     * Fault injection: the writer sleeps this long before each write, widening the window in which
     * a crash finds records submitted but not written. A crash test sets it to show that nothing
     * was acknowledged from that window.
     */
    static final long INJECTED_DELAY_MILLIS = Long.getLong("mesocosm.faults.logWriteDelayMillis", 0);
    /**
     * Fault injection: while a file exists at this path, every write fails as a full or failing
     * disk would make it (a test of the master's fail-stop creates it mid-run; chmod cannot stop root).
     */
    static final String INJECTED_FAILURE_FILE = System.getProperty("mesocosm.faults.logFailFile");

    private final DurableInputLog log;
    private final int maxBatch;
    private final LongConsumer onDurable;
    private final Object lock = new Object();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final Thread writer;
    private long submitted;
    private long durable;
    private long forces;
    private long snapshots;
    private IOException failure;
    private boolean closing;
    private volatile java.util.function.Consumer<IOException> onFailure = e -> { };

    /**
     * @param onDurable called on the writer thread with the new durable sequence number after each force
     */
    public GroupCommit(DurableInputLog log, int maxBatch, LongConsumer onDurable) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1");
        this.log = log;
        this.maxBatch = maxBatch;
        this.onDurable = onDurable;
        this.submitted = log.records();
        this.durable = log.records();
        this.writer = new Thread(this::run, "mesocosm-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Called once, on the writer thread, when a write or force fails. From then on every submit and
     * wait fails; the master's process uses this to stop (fail-stop) so that a supervisor restarts it
     * on a log that holds every input it acknowledged.
     */
    @Override
    public void onFailure(java.util.function.Consumer<IOException> handler) {
        this.onFailure = handler;
        synchronized (lock) {
            if (failure != null) handler.accept(failure);
        }
    }

    /** Queues one input for the log and returns its sequence number. Callers submit in the order the master handles inputs. */
    @Override
    public long submit(long at, Input in) {
        byte[] record = LogRecords.encode(at, in);
        synchronized (lock) {
            if (failure != null) throw new UncheckedIOException("the input log cannot be written: " + failure.getMessage(), failure);
            if (closing) throw new IllegalStateException("the input log is closed");
            queue.addLast(record);
            lock.notifyAll();
            return ++submitted;
        }
    }

    public long submitted() {
        synchronized (lock) {
            return submitted;
        }
    }

    @Override
    public long durable() {
        synchronized (lock) {
            return durable;
        }
    }

    /** Forces done so far; records per force = batch size. */
    public long forces() {
        synchronized (lock) {
            return forces;
        }
    }

    public long snapshots() {
        synchronized (lock) {
            return snapshots;
        }
    }

    /** Blocks until the log holds record {@code seq} on stable storage; fails if the log cannot be written or time runs out. */
    @Override
    public void awaitDurable(long seq, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lock) {
            while (durable < seq) {
                if (failure != null) throw new IOException("the input log cannot be written: " + failure.getMessage(), failure);
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new IOException("the input log did not reach record " + seq + " within " + timeoutMillis + " ms");
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted waiting for the input log");
                }
            }
        }
    }

    private void run() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
        while (true) {
            int n = 0;
            long target;
            synchronized (lock) {
                while (queue.isEmpty() && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) return; // closing, and everything is written
                batch.reset();
                while (!queue.isEmpty() && n < maxBatch) {
                    batch.writeBytes(queue.pollFirst());
                    n++;
                }
                target = durable + n;
            }
            try {
                if (INJECTED_DELAY_MILLIS > 0) Thread.sleep(INJECTED_DELAY_MILLIS);
                if (INJECTED_FAILURE_FILE != null && java.nio.file.Files.exists(java.nio.file.Path.of(INJECTED_FAILURE_FILE))) {
                    throw new IOException("No space left on device (injected: " + INJECTED_FAILURE_FILE + " exists)");
                }
                log.write(batch.toByteArray(), n);
                log.force();
            } catch (IOException | RuntimeException e) {
                fail(e);
                return;
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                durable = target;
                forces++;
                lock.notifyAll();
            }
            onDurable.accept(target);
            if (log.snapshotDue()) {
                try {
                    log.snapshot();
                } catch (IOException | RuntimeException e) {
                    fail(e);
                    return;
                }
                synchronized (lock) {
                    snapshots++;
                }
            }
        }
    }

    private void fail(Exception e) {
        System.err.println("mesocosm: the input log in " + log.dir() + " cannot be written: " + e);
        IOException f;
        synchronized (lock) {
            failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
            f = failure;
            lock.notifyAll();
        }
        onFailure.accept(f);
    }

    /** Writes and forces everything submitted, then closes the log. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }
}
