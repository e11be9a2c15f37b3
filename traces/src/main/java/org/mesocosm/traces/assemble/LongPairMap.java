package org.mesocosm.traces.assemble;

import java.util.Arrays;

/**
 * A hash map from a pair of longs (job id, task index) to a value, with open addressing and
 * linear probing: no boxing and no key object per lookup, which matters at millions of trace rows
 * per second. Removal uses backward-shift deletion, so there are no tombstones. Never iterated,
 * so its layout cannot leak into any output order.
 */
final class LongPairMap<V> {
    private long[] as;
    private long[] bs;
    private Object[] vals;
    private int size;
    private int mask;

    LongPairMap() {
        alloc(1 << 10);
    }

    private void alloc(int cap) {
        as = new long[cap];
        bs = new long[cap];
        vals = new Object[cap];
        mask = cap - 1;
    }

    int size() { return size; }

    private int slot(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @SuppressWarnings("unchecked")
    V get(long a, long b) {
        for (int i = slot(a, b); vals[i] != null; i = (i + 1) & mask) {
            if (as[i] == a && bs[i] == b) return (V) vals[i];
        }
        return null;
    }

    /** Puts and returns the previous value, if any. */
    @SuppressWarnings("unchecked")
    V put(long a, long b, V v) {
        if (v == null) throw new IllegalArgumentException("null value");
        if ((size + 1) * 2 > vals.length) grow();
        int i = slot(a, b);
        for (; vals[i] != null; i = (i + 1) & mask) {
            if (as[i] == a && bs[i] == b) {
                V old = (V) vals[i];
                vals[i] = v;
                return old;
            }
        }
        as[i] = a;
        bs[i] = b;
        vals[i] = v;
        size++;
        return null;
    }

    @SuppressWarnings("unchecked")
    V remove(long a, long b) {
        int i = slot(a, b);
        for (; vals[i] != null; i = (i + 1) & mask) {
            if (as[i] == a && bs[i] == b) break;
        }
        if (vals[i] == null) return null;
        V old = (V) vals[i];
        // backward-shift: pull later entries of the probe run into the hole
        int hole = i;
        for (int j = (i + 1) & mask; vals[j] != null; j = (j + 1) & mask) {
            int home = slot(as[j], bs[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                as[hole] = as[j];
                bs[hole] = bs[j];
                vals[hole] = vals[j];
                hole = j;
            }
        }
        vals[hole] = null;
        size--;
        // shrink rarely: a burst of open attempts should not pin memory for a month-long trace
        if (vals.length > (1 << 12) && size * 8 < vals.length) rehash(vals.length / 2);
        return old;
    }

    private void grow() {
        rehash(vals.length * 2);
    }

    private void rehash(int cap) {
        long[] oa = as;
        long[] ob = bs;
        Object[] ov = vals;
        alloc(cap);
        size = 0;
        for (int i = 0; i < ov.length; i++) {
            if (ov[i] != null) {
                int s = slot(oa[i], ob[i]);
                while (vals[s] != null) s = (s + 1) & mask;
                as[s] = oa[i];
                bs[s] = ob[i];
                vals[s] = ov[i];
                size++;
            }
        }
    }

    void clear() {
        Arrays.fill(vals, null);
        size = 0;
    }
}
