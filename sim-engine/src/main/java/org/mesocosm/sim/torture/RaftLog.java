package org.mesocosm.sim.torture;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.log.LogRecords;
import org.mesocosm.runtime.master.Input;

/**
 * What one simulated master keeps on disk for the replicated input log: the current term, whom it voted for in it,
 * the log entries, and the commit index it knows of. All of it survives a crash of the process; nothing else does.
 *
 * <p>Abstraction: Ratis fsyncs an entry before acknowledging it and keeps commit information in its log metadata;
 * here every change is durable the moment it is made (no torn writes: the single-master torture covers those on the
 * real {@code DurableInputLog}). Indexes start at 1; index 0 is the empty prefix, of term 0.
 */
final class RaftLog {
    /**
     * One log entry: the master input a leader appended in {@code term} at simulated time {@code at}, or, with a null
     * input, the entry a new leader appends to commit everything before it (Ratis does the same; the live master's
     * first entry as leader is its announcement). {@code hash} is a digest of the whole entry, for comparing replicas.
     */
    record Entry(long term, long at, Input input, long hash) {
        static Entry of(long term, long at, Input input) {
            try {
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                d.update(ByteBuffer.allocate(16).putLong(term).putLong(at).array());
                if (input != null) d.update(LogRecords.encode(at, input));
                return new Entry(term, at, input, ByteBuffer.wrap(d.digest()).getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "Entry[term " + term + " at " + at + " " + (input == null ? "leader no-op" : input) + "]";
        }
    }

    long term;
    /** Whom this master voted for in {@link #term}; -1 for nobody yet. */
    int votedFor = -1;
    long commitIndex;
    private final List<Entry> entries = new ArrayList<>();

    long lastIndex() { return entries.size(); }

    long lastTerm() { return termAt(lastIndex()); }

    long termAt(long index) { return index == 0 ? 0 : entries.get((int) index - 1).term(); }

    Entry get(long index) { return entries.get((int) index - 1); }

    long append(Entry e) {
        entries.add(e);
        return entries.size();
    }

    /** Entries from {@code from} on, at most {@code max} of them. */
    List<Entry> from(long from, int max) {
        int a = (int) from - 1, b = (int) Math.min(entries.size(), a + (long) max);
        return a >= b ? List.of() : List.copyOf(entries.subList(a, b));
    }

    /** Drops every entry from {@code index} on (a leader's log disagrees with them). */
    void truncateFrom(long index) {
        while (entries.size() >= index) entries.remove(entries.size() - 1);
    }
}
