package org.mesocosm.runtime.util;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A list in insertion order with constant-time removal of an element that remembers its own
 * index ({@link Slots}): removal leaves a gap, and the gaps are closed, order kept, when half the
 * list is gaps or when the list is read as a whole. For the per-node and per-agent lists of
 * placed tasks, where a task ending would otherwise search a list of dozens whose elements are
 * all cache misses, and whose order (placement order) other code reads and results depend on.
 *
 * <p>Without {@link Slots} (a what-if copy sharing elements with the list that owns their
 * indexes) removal searches, and never writes an element's index.
 */
public final class GapList<T> {
    /** Where an element keeps its index in the one list that owns it; -1 when in none. */
    public interface Slots<T> {
        int get(T t);

        void set(T t, int index);
    }

    private final Slots<T> slots;
    private Object[] items;
    private int size;
    private int gaps;

    public GapList(Slots<T> slots) {
        this.slots = slots;
        this.items = new Object[4];
    }

    /** A copy that does not own the elements' indexes. */
    public GapList<T> unownedCopy() {
        compact();
        GapList<T> c = new GapList<>(null);
        c.items = Arrays.copyOf(items, Math.max(4, size));
        c.size = size;
        return c;
    }

    public void add(T t) {
        if (size == items.length) items = Arrays.copyOf(items, size * 2);
        if (slots != null) slots.set(t, size);
        items[size++] = t;
    }

    /** Removes the element (the same object); false if it is not in the list. */
    public boolean remove(T t) {
        int i = slots == null ? -1 : slots.get(t);
        if (i < 0 || i >= size || items[i] != t) {
            i = indexOf(t);
            if (i < 0) return false;
        }
        items[i] = null;
        if (slots != null) slots.set(t, -1);
        gaps++;
        if (gaps > 8 && 2 * gaps > size) compact();
        return true;
    }

    private int indexOf(T t) {
        for (int i = 0; i < size; i++) if (items[i] == t) return i;
        return -1;
    }

    /** The number of elements (gaps not counted). */
    public int size() { return size - gaps; }

    public boolean isEmpty() { return size == gaps; }

    /** The first element matching by the test, in order, or null. */
    @SuppressWarnings("unchecked")
    public T find(java.util.function.Predicate<T> test) {
        for (int i = 0; i < size; i++) {
            Object o = items[i];
            if (o != null && test.test((T) o)) return (T) o;
        }
        return null;
    }

    /** A read-only view in order, valid until the list next changes. */
    public List<T> view() {
        compact();
        return new View();
    }

    private void compact() {
        if (gaps == 0) return;
        int w = 0;
        for (int r = 0; r < size; r++) {
            Object o = items[r];
            if (o == null) continue;
            if (slots != null) slots.set(cast(o), w);
            items[w++] = o;
        }
        Arrays.fill(items, w, size, null);
        size = w;
        gaps = 0;
    }

    @SuppressWarnings("unchecked")
    private T cast(Object o) { return (T) o; }

    private final class View extends AbstractList<T> implements RandomAccess {
        @Override
        public T get(int i) {
            if (i >= size) throw new IndexOutOfBoundsException(i);
            return cast(items[i]);
        }

        @Override
        public int size() { return size; }
    }
}
