package org.mesocosm.sim;

import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/** TEMPORARY placeholder with the final API; replaced by the 4-ary heap on merge. */
public final class EventQueue<T> {
    private record E(long time, long seq, Object p) {}

    private final PriorityQueue<E> q = new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private long seq;
    private long last;

    public void add(long time, T payload) { q.add(new E(time, seq++, payload)); }

    public boolean isEmpty() { return q.isEmpty(); }

    public int size() { return q.size(); }

    public long peekTime() {
        if (q.isEmpty()) throw new NoSuchElementException();
        return q.peek().time;
    }

    @SuppressWarnings("unchecked")
    public T poll() {
        E e = q.poll();
        if (e == null) throw new NoSuchElementException();
        last = e.time;
        return (T) e.p;
    }

    public long lastPolledTime() { return last; }

    public void clear() { q.clear(); }
}
