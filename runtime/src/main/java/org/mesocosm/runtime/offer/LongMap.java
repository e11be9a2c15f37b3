package org.mesocosm.runtime.offer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A map from long keys to values, open addressing with linear probing over two parallel arrays:
 * no boxed keys and no entry objects, which matters for outstanding offers (one put and one
 * remove per offer, ten thousand offers in a round at scale). Meant for keys handed out in
 * sequence, such as offer ids. Deletion shifts later entries of a
 * probe run back, so no tombstones accumulate. Iteration follows the slots, which depend only on
 * the keys and the insertion history: deterministic, but not sorted, so callers that need an
 * order sort what they collect.
 */
final class LongMap<V> {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    LongMap() {
        keys = new long[16];
        Arrays.fill(keys, EMPTY);
        values = new Object[16];
        mask = 15;
    }

    int size() { return size; }

    /**
     * The low bits of the key itself: offer ids are handed out in sequence, so the live ones form a
     * window that maps onto consecutive slots (no collisions, and neighbouring offers share cache
     * lines). Keys that are not sequential still work, with longer probe runs.
     */
    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) return (V) values[i];
            if (k == EMPTY) return null;
        }
    }

    void put(long key, V value) {
        if (key == EMPTY) throw new IllegalArgumentException("reserved key");
        if ((size + 1) * 2 > keys.length) grow();
        int i = slot(key, mask);
        while (keys[i] != EMPTY && keys[i] != key) i = (i + 1) & mask;
        if (keys[i] == EMPTY) size++;
        keys[i] = key;
        values[i] = value;
    }

    @SuppressWarnings("unchecked")
    V remove(long key) {
        int i = slot(key, mask);
        while (keys[i] != key) {
            if (keys[i] == EMPTY) return null;
            i = (i + 1) & mask;
        }
        V old = (V) values[i];
        size--;
        // backward-shift: move later members of the run into the gap if their home slot allows it
        int gap = i;
        for (int j = (gap + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean movable = gap <= j ? (home <= gap || home > j) : (home <= gap && home > j);
            if (movable) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = EMPTY;
        values[gap] = null;
        return old;
    }

    @SuppressWarnings("unchecked")
    void forEachValue(Consumer<V> action) {
        for (int i = 0; i < keys.length; i++) if (keys[i] != EMPTY) action.accept((V) values[i]);
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        values = new Object[keys.length];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != EMPTY) put(oldKeys[i], (V) oldValues[i]);
    }
}
