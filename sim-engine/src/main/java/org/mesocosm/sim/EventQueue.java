package org.mesocosm.sim;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The pending events of a simulation, earliest first. Events are ordered by (time, insertion
 * sequence), so events at the same time come out in the order they were added: a run never
 * depends on object identity or hash codes.
 *
 * <p>This is the simulator's hot loop, so it allocates nothing per event. It is a 4-ary
 * implicit heap over one {@code long[]}: a wider node halves the depth of a binary heap, and
 * the four siblings' keys are 64 contiguous bytes, so a level of a large heap costs one or two
 * cache misses instead of the pointer chase a {@code PriorityQueue} of event objects pays per
 * compare. Entries are moved with a hole, not swapped, so each level writes one entry once.
 *
 * <p>Payloads never move: each sits in a slot of its own array, and the heap entry carries the
 * slot number packed under the sequence number. Sifting then touches only the key array; in
 * the hold-model benchmark this alone roughly doubled throughput at 10^6 pending events over moving
 * payloads along with keys.
 *
 * <p>Not thread-safe: one simulation is one thread (DESIGN.md §6).
 *
 * @param <T> the event payload
 */
public final class EventQueue<T> {
    private static final int DEFAULT_CAPACITY = 64;

    // The low SLOT_BITS of an entry's second long are its payload slot, the bits above its
    // sequence number. Sequences are unique, so comparing the whole long compares sequences.
    private static final int SLOT_BITS = 30;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    /** Sequences stay below this so the packed long stays positive (signed compare works). */
    static final long SEQ_LIMIT = 1L << (63 - SLOT_BITS);

    // Two longs per entry, and Java arrays stop a little below Integer.MAX_VALUE; this also
    // keeps every slot number below 2^SLOT_BITS.
    private static final int MAX_CAPACITY = (Integer.MAX_VALUE - 8) / 2;

    /** Entry e (root at 0): time at keys[2e], sequence and slot at keys[2e+1]. */
    private long[] keys;
    private Object[] slots;
    /** Slots freed by poll(), reused first so a poll-then-add finds its slot still in cache. */
    private int[] freeSlots;
    private int freeCount;
    private int size;
    private long nextSeq;
    private final long seqLimit;
    private long lastPolledTime;
    private boolean polledAny;

    public EventQueue() {
        this(DEFAULT_CAPACITY);
    }

    /** @param initialCapacity events held before the arrays first grow; at least 1 */
    public EventQueue(int initialCapacity) {
        this(initialCapacity, SEQ_LIMIT);
    }

    /** Tests lower {@code seqLimit} to exercise renumbering without 2^33 insertions. */
    EventQueue(int initialCapacity, long seqLimit) {
        if (initialCapacity < 1 || initialCapacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("initialCapacity out of range: " + initialCapacity);
        }
        if (seqLimit < 1 || seqLimit > SEQ_LIMIT) {
            throw new IllegalArgumentException("seqLimit out of range: " + seqLimit);
        }
        this.seqLimit = seqLimit;
        keys = new long[2 * initialCapacity];
        slots = new Object[initialCapacity];
        freeSlots = new int[initialCapacity];
    }

    /**
     * Adds an event. Times earlier than {@link #lastPolledTime()} are accepted: keeping
     * causality is the driver's job, and the queue orders whatever it is given.
     */
    public void add(long time, T payload) {
        Objects.requireNonNull(payload, "payload");
        int n = size;
        if (n == slots.length) {
            grow();
        }
        if (nextSeq >= seqLimit) {
            renumber();
        }
        // Fresh slots are taken in order and freed ones first, so with none free the slots in
        // use are exactly 0..n-1.
        int slot = freeCount > 0 ? freeSlots[--freeCount] : n;
        slots[slot] = payload;
        size = n + 1;
        siftUp(n, time, (nextSeq++ << SLOT_BITS) | slot);
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** The time of the earliest pending event. */
    public long peekTime() {
        if (size == 0) {
            throw new NoSuchElementException("event queue is empty");
        }
        return keys[0];
    }

    /** Removes the earliest pending event (the first added among equal times) and returns it. */
    @SuppressWarnings("unchecked")
    public T poll() {
        if (size == 0) {
            throw new NoSuchElementException("event queue is empty");
        }
        long[] k = keys;
        int slot = (int) (k[1] & SLOT_MASK);
        T result = (T) slots[slot];
        slots[slot] = null;
        freeSlots[freeCount++] = slot;
        lastPolledTime = k[0];
        polledAny = true;
        removeRoot();
        return result;
    }

    /**
     * The time of the event {@link #poll()} last returned: the simulation's "now".
     *
     * @throws IllegalStateException if nothing was ever polled
     */
    public long lastPolledTime() {
        if (!polledAny) {
            throw new IllegalStateException("no event polled yet");
        }
        return lastPolledTime;
    }

    /**
     * Drops every pending event. {@link #lastPolledTime()} keeps its value: the clock already
     * reached it. Sequence numbers keep counting, which cannot change any order.
     */
    public void clear() {
        Arrays.fill(slots, null);
        freeCount = 0;
        size = 0;
    }

    /** Refills the root's place with the last entry; the caller has taken the root's payload. */
    private void removeRoot() {
        int last = --size;
        if (last > 0) {
            siftDown(keys[2 * last], keys[2 * last + 1], last);
        }
    }

    /** Places (t, ks) at or above the hole at entry e, moving larger parents down. */
    private void siftUp(int e, long t, long ks) {
        long[] k = keys;
        while (e > 0) {
            int parent = (e - 1) >>> 2;
            long pt = k[2 * parent];
            long pks = k[2 * parent + 1];
            if (pt < t || (pt == t && pks < ks)) {
                break;
            }
            k[2 * e] = pt;
            k[2 * e + 1] = pks;
            e = parent;
        }
        k[2 * e] = t;
        k[2 * e + 1] = ks;
    }

    /**
     * Refills the root hole with (t, ks) in a heap whose entries end before entry {@code end}.
     * The hole descends along the smallest child until that child is not smaller.
     */
    private void siftDown(long t, long ks, int end) {
        long[] k = keys;
        int hole = 0;
        while (true) {
            int first = 4 * hole + 1;
            if (first >= end) {
                break;
            }
            int best = first;
            long bt = k[2 * first];
            long bks = k[2 * first + 1];
            int stop = Math.min(first + 4, end);
            for (int c = first + 1; c < stop; c++) {
                long ct = k[2 * c];
                if (ct < bt || (ct == bt && k[2 * c + 1] < bks)) {
                    best = c;
                    bt = ct;
                    bks = k[2 * c + 1];
                }
            }
            if (t < bt || (t == bt && ks < bks)) {
                break;
            }
            k[2 * hole] = bt;
            k[2 * hole + 1] = bks;
            hole = best;
        }
        k[2 * hole] = t;
        k[2 * hole + 1] = ks;
    }

    /**
     * Gives the pending events sequences 0..size-1 in their current order, so packed
     * sequences never overflow. Runs once per 2^33 insertions in production, so it may
     * allocate: it drains the heap in order into scratch arrays, and a sorted array is a heap.
     */
    private void renumber() {
        int n = size;
        long[] times = new long[n];
        int[] slotOf = new int[n];
        for (int i = 0; i < n; i++) {
            times[i] = keys[0];
            slotOf[i] = (int) (keys[1] & SLOT_MASK);
            removeRoot();
        }
        for (int i = 0; i < n; i++) {
            keys[2 * i] = times[i];
            keys[2 * i + 1] = ((long) i << SLOT_BITS) | slotOf[i];
        }
        size = n;
        nextSeq = n;
    }

    private void grow() {
        int cap = slots.length;
        if (cap >= MAX_CAPACITY) {
            throw new IllegalStateException("event queue full: " + cap + " events");
        }
        int newCap = (int) Math.min((long) cap * 2, MAX_CAPACITY);
        keys = Arrays.copyOf(keys, 2 * newCap);
        slots = Arrays.copyOf(slots, newCap);
        freeSlots = Arrays.copyOf(freeSlots, newCap);
    }
}
