package org.mesocosm.runtime.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growing collection of longs (one per task: scheduling latencies) with exact nearest-rank
 * percentiles. Up to {@link #DEFAULT_RUN_LENGTH} values stay in memory; past that, each full
 * buffer is sorted and appended to a temporary file as a sorted run, and queries merge the runs,
 * so a month of a Google cell (tens of millions of tasks) costs a fixed 8 MiB of heap instead of
 * eight bytes per task ever run. The answers are the same as sorting everything in memory,
 * including the mean, which is summed in sorted order as it always was.
 */
public final class LongSamples {
    /** Values kept in memory before a sorted run goes to disk: 8 MiB. */
    static final int DEFAULT_RUN_LENGTH = 1 << 20;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int READ_BUFFER_BYTES = 1 << 16;

    private final int runLength;
    private long[] values = new long[1024];
    private int buffered;
    private boolean sorted = true;
    private long size;
    private long max = Long.MIN_VALUE;
    /** Sorted runs on disk, in order; null until the first spill. */
    private Spill spill;

    public LongSamples() {
        this(DEFAULT_RUN_LENGTH);
    }

    /** @param runLength values held in memory before a sorted run is written out */
    LongSamples(int runLength) {
        if (runLength < 1) throw new IllegalArgumentException("run length must be >= 1: " + runLength);
        this.runLength = runLength;
        values = new long[Math.min(1024, runLength)];
    }

    public void add(long v) {
        if (buffered == runLength) spillBuffer();
        if (buffered == values.length) values = Arrays.copyOf(values, Math.min(runLength, buffered * 2));
        values[buffered++] = v;
        sorted = false;
        size++;
        if (v > max) max = v;
    }

    /** Number of values; an int, as before: a run with more than 2^31 tasks is out of reach anyway. */
    public int size() { return Math.toIntExact(size); }

    /** Values in sorted runs on disk (0 when everything fits in memory). */
    long spilled() { return spill == null ? 0 : spill.count; }

    /** Nearest-rank percentile, q in [0,1]; 0 when empty. */
    public long percentile(double q) {
        if (size == 0) return 0;
        long rank = (long) Math.ceil(q * size);
        long index = Math.max(0, Math.min(size - 1, rank - 1));
        sortBuffer();
        if (spill == null) return values[(int) index];
        long[] found = new long[1];
        merge((i, v) -> {
            if (i < index) return true;
            found[0] = v;
            return false;
        });
        return found[0];
    }

    public long max() {
        return size == 0 ? 0 : max;
    }

    public double mean() {
        if (size == 0) return 0;
        sortBuffer();
        double[] s = {0};
        if (spill == null) {
            for (int i = 0; i < buffered; i++) s[0] += values[i];
        } else {
            merge((i, v) -> {
                s[0] += v;
                return true;
            });
        }
        return s[0] / size;
    }

    private void sortBuffer() {
        if (!sorted) {
            Arrays.sort(values, 0, buffered);
            sorted = true;
        }
    }

    private void spillBuffer() {
        sortBuffer();
        if (spill == null) {
            spill = new Spill();
            CLEANER.register(this, spill);
        }
        spill.append(values, buffered);
        buffered = 0;
    }

    @FunctionalInterface
    private interface Visitor {
        /** The {@code i}-th smallest value; return false to stop. */
        boolean visit(long i, long v);
    }

    /** Visits every value in ascending order: the disk runs and the (sorted) buffer, merged. */
    private void merge(Visitor visitor) {
        List<RunReader> runs = new ArrayList<>();
        for (int r = 0; r < spill.runStarts.size(); r++) runs.add(spill.reader(r));
        runs.add(new RunReader(values, buffered));
        // a binary heap of run readers by their current value; ties go to the earlier run (any order gives the same values)
        RunReader[] heap = runs.stream().filter(RunReader::hasValue).toArray(RunReader[]::new);
        int n = heap.length;
        for (int k = n / 2 - 1; k >= 0; k--) siftDown(heap, k, n);
        long i = 0;
        while (n > 0) {
            RunReader top = heap[0];
            if (!visitor.visit(i++, top.value)) return;
            if (top.advance()) {
                siftDown(heap, 0, n);
            } else {
                heap[0] = heap[--n];
                siftDown(heap, 0, n);
            }
        }
    }

    private static void siftDown(RunReader[] heap, int k, int n) {
        RunReader x = heap[k];
        while (true) {
            int c = 2 * k + 1;
            if (c >= n) break;
            if (c + 1 < n && heap[c + 1].value < heap[c].value) c++;
            if (heap[c].value >= x.value) break;
            heap[k] = heap[c];
            k = c;
        }
        heap[k] = x;
    }

    /** Reads one sorted run, from the file or from the in-memory buffer. */
    private static final class RunReader {
        private final FileChannel channel;
        private long filePos;
        private long left;
        private final ByteBuffer buf;
        private final long[] array;
        private int arrayPos;
        long value;

        RunReader(FileChannel channel, long start, long count) {
            this.channel = channel;
            this.filePos = start;
            this.left = count;
            this.buf = ByteBuffer.allocate(READ_BUFFER_BYTES);
            buf.flip();
            this.array = null;
            advance();
        }

        RunReader(long[] array, int count) {
            this.channel = null;
            this.buf = null;
            this.array = array;
            this.left = count;
            advance();
        }

        boolean hasValue() { return left >= 0; }

        /** Moves to the next value; false when the run is exhausted. */
        boolean advance() {
            if (left-- == 0) return false;
            if (array != null) {
                value = array[arrayPos++];
                return true;
            }
            if (!buf.hasRemaining()) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), (left + 1) * Long.BYTES));
                try {
                    while (buf.hasRemaining()) {
                        int read = channel.read(buf, filePos);
                        if (read < 0) throw new IOException("sample file ended early");
                        filePos += read;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                buf.flip();
            }
            value = buf.getLong();
            return true;
        }
    }

    /** The temporary file of sorted runs; deleted when the samples are collected, or at exit. */
    private static final class Spill implements Runnable {
        final Path file;
        final FileChannel channel;
        final List<Long> runStarts = new ArrayList<>();
        final List<Long> runCounts = new ArrayList<>();
        long count;
        private final ByteBuffer out = ByteBuffer.allocate(READ_BUFFER_BYTES);

        Spill() {
            try {
                file = Files.createTempFile("mesocosm-samples-", ".bin");
                file.toFile().deleteOnExit();
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary file for samples: " + e.getMessage(), e);
            }
        }

        void append(long[] values, int n) {
            long start = count * Long.BYTES;
            long pos = start;
            try {
                for (int i = 0; i < n; ) {
                    out.clear();
                    while (i < n && out.remaining() >= Long.BYTES) out.putLong(values[i++]);
                    out.flip();
                    while (out.hasRemaining()) pos += channel.write(out, pos);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write samples to " + file + ": " + e.getMessage(), e);
            }
            runStarts.add(start);
            runCounts.add((long) n);
            count += n;
        }

        RunReader reader(int run) {
            return new RunReader(channel, runStarts.get(run), runCounts.get(run));
        }

        @Override
        public void run() {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is harmless; deleteOnExit tries again
            }
        }
    }
}
