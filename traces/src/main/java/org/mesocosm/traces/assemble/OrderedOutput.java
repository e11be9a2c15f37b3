package org.mesocosm.traces.assemble;

import java.util.PriorityQueue;
import org.mesocosm.traces.TraceRecord;

/**
 * Records waiting to be handed out in time order. Ties break by a sequence number given in input
 * order, never by object identity, so the stream is the same on every run. A reader releases a
 * record only when nothing still being assembled could come before it (the barrier).
 */
public final class OrderedOutput {
    private record Entry(long time, long seq, TraceRecord record) {}

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((x, y) -> {
        int c = Long.compare(x.time, y.time);
        return c != 0 ? c : Long.compare(x.seq, y.seq);
    });
    private long lastTime = Long.MIN_VALUE;

    public void add(long time, long seq, TraceRecord record) {
        if (time < lastTime) {
            throw new IllegalStateException("record at " + time + " after records at " + lastTime + " were released");
        }
        queue.add(new Entry(time, seq, record));
    }

    /** The first record if it comes before (barrierTime, barrierSeq), else null. */
    public TraceRecord poll(long barrierTime, long barrierSeq) {
        Entry e = queue.peek();
        if (e == null) return null;
        if (e.time > barrierTime || e.time == barrierTime && e.seq >= barrierSeq) return null;
        queue.poll();
        lastTime = e.time;
        return e.record;
    }

    /** The first record, whatever the barrier (end of input). */
    public TraceRecord pollAny() {
        return poll(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Time of the last record released; records before it can no longer be added. */
    public long lastReleased() { return lastTime; }

    /** Time of the first record waiting, or Long.MAX_VALUE when none. */
    public long peekTime() {
        Entry e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.time;
    }

    public int size() { return queue.size(); }

    public boolean isEmpty() { return queue.isEmpty(); }
}
