package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    @Test
    void pollsInTimeOrder() {
        EventQueue<String> q = new EventQueue<>();
        q.add(30, "c");
        q.add(10, "a");
        q.add(20, "b");
        q.add(-5, "negative");
        q.add(Long.MAX_VALUE, "max");
        q.add(Long.MIN_VALUE, "min");

        assertEquals(6, q.size());
        assertEquals(Long.MIN_VALUE, q.peekTime());
        assertEquals(List.of("min", "negative", "a", "b", "c", "max"), drain(q));
        assertTrue(q.isEmpty());
        assertEquals(Long.MAX_VALUE, q.lastPolledTime());
    }

    @Test
    void equalTimesComeOutInInsertionOrder() {
        EventQueue<Integer> q = new EventQueue<>(2);
        for (int i = 0; i < 100; i++) {
            q.add(i % 3 == 0 ? 7 : 5, i);
        }
        List<Integer> out = drain(q);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) if (i % 3 != 0) expected.add(i);
        for (int i = 0; i < 100; i += 3) expected.add(i);
        assertEquals(expected, out);
    }

    @Test
    void equalPayloadsAreNotConfusedWithEachOther() {
        // The same object added twice is two events: order must come from sequence numbers.
        EventQueue<String> q = new EventQueue<>();
        String same = "x";
        q.add(1, same);
        q.add(1, same);
        q.add(0, "first");
        assertEquals(List.of("first", "x", "x"), drain(q));
    }

    @Test
    void growsPastInitialCapacity() {
        EventQueue<Long> q = new EventQueue<>(1);
        int n = 10_000;
        for (long i = n - 1; i >= 0; i--) {
            q.add(i, i);
        }
        assertEquals(n, q.size());
        for (long i = 0; i < n; i++) {
            assertEquals(i, q.peekTime());
            assertEquals(i, q.poll());
            assertEquals(i, q.lastPolledTime());
        }
        assertTrue(q.isEmpty());
    }

    @Test
    void interleavedAddAndPollKeepOrder() {
        EventQueue<Long> q = new EventQueue<>(4);
        q.add(100, 100L);
        q.add(50, 50L);
        assertEquals(50L, q.poll());
        q.add(75, 75L);
        q.add(60, 60L);
        q.add(200, 200L);
        assertEquals(60L, q.poll());
        assertEquals(75L, q.poll());
        q.add(80, 80L);
        assertEquals(80L, q.poll());
        assertEquals(100L, q.poll());
        assertEquals(100, q.lastPolledTime());
        assertEquals(200, q.peekTime());
        assertEquals(1, q.size());
    }

    @Test
    void emptyQueueThrows() {
        EventQueue<String> q = new EventQueue<>();
        assertThrows(NoSuchElementException.class, q::poll);
        assertThrows(NoSuchElementException.class, q::peekTime);
        assertThrows(IllegalStateException.class, q::lastPolledTime);
        q.add(1, "a");
        q.poll();
        assertThrows(NoSuchElementException.class, q::poll);
        assertThrows(NoSuchElementException.class, q::peekTime);
    }

    @Test
    void rejectsNullPayloadAndBadCapacity() {
        EventQueue<String> q = new EventQueue<>();
        assertThrows(NullPointerException.class, () -> q.add(1, null));
        assertTrue(q.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new EventQueue<String>(0));
    }

    @Test
    void clearDropsPendingEventsButKeepsTheClock() {
        EventQueue<String> q = new EventQueue<>();
        q.add(5, "a");
        q.poll();
        q.add(10, "b");
        q.add(20, "c");
        q.clear();
        assertTrue(q.isEmpty());
        assertEquals(0, q.size());
        assertEquals(5, q.lastPolledTime());
        q.add(3, "d");
        assertEquals(List.of("d"), drain(q));
    }

    @Test
    void holdsNoReferenceToPolledOrClearedPayloads() throws Exception {
        EventQueue<Object> q = new EventQueue<>();
        for (int i = 0; i < 10; i++) q.add(i, new Object());
        for (int i = 0; i < 4; i++) q.poll();
        q.add(100, new Object());
        assertEquals(q.size(), heldPayloads(q), "payload slots in use");
        q.clear();
        assertEquals(0, heldPayloads(q), "payload slots in use after clear");
    }

    @Test
    void renumberingSequencesKeepsOrder() {
        // A limit of 3 renumbers on almost every add; the real limit is 2^33 insertions.
        EventQueue<Integer> q = new EventQueue<>(1, 3);
        for (int i = 0; i < 50; i++) q.add(i % 2, i);
        for (int round = 0; round < 20; round++) {
            q.poll();
            q.add(1, 100 + round);
        }
        // The polls took time-0 events 0, 2, ..., 38.
        List<Integer> expected = new ArrayList<>();
        for (int i = 40; i < 50; i += 2) expected.add(i);
        for (int i = 1; i < 50; i += 2) expected.add(i);
        for (int round = 0; round < 20; round++) expected.add(100 + round);
        assertEquals(expected, drain(q));
    }

    /**
     * Random interleavings of every operation, checked step by step against PriorityQueue
     * ordered by (time, seq). Times often come from a narrow range so ties are frequent, and
     * some cases lower the sequence limit so renumbering happens mid-run.
     */
    @Test
    void matchesPriorityQueueOnRandomOperations() {
        for (long seed = 1; seed <= 400; seed++) {
            runRandomCase(seed);
        }
    }

    private record Ref(long time, long seq, int payload) {}

    private static void runRandomCase(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String at = "seed " + seed + ": ";
        int timeRange = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 1_000_000);
        int ops = 200 + rnd.nextInt(3_000);
        long seqLimit = seed % 4 == 0 ? 1 + rnd.nextInt(300) : EventQueue.SEQ_LIMIT;
        EventQueue<Integer> q = new EventQueue<>(1 + rnd.nextInt(8), seqLimit);
        PriorityQueue<Ref> ref = new PriorityQueue<>(
                Comparator.comparingLong(Ref::time).thenComparingLong(Ref::seq));
        long seq = 0;
        Long lastPolled = null;
        for (int op = 0; op < ops; op++) {
            String where = at + "op " + op + ": ";
            int kind = rnd.nextInt(100);
            if (kind < 55) {
                long time = rnd.nextInt(timeRange) - timeRange / 4;
                int payload = op;
                q.add(time, payload);
                ref.add(new Ref(time, seq++, payload));
            } else if (kind < 95) {
                if (ref.isEmpty()) {
                    assertThrows(NoSuchElementException.class, q::poll, where + "poll on empty");
                } else {
                    Ref want = ref.poll();
                    assertEquals(want.payload(), q.poll(), where + "poll payload");
                    lastPolled = want.time();
                }
            } else if (kind < 99) {
                if (ref.isEmpty()) {
                    assertThrows(NoSuchElementException.class, q::peekTime, where + "peek on empty");
                } else {
                    assertEquals(ref.peek().time(), q.peekTime(), where + "peekTime");
                }
            } else {
                q.clear();
                ref.clear();
            }
            assertEquals(ref.size(), q.size(), where + "size");
            assertEquals(ref.isEmpty(), q.isEmpty(), where + "isEmpty");
            if (lastPolled != null) {
                assertEquals(lastPolled.longValue(), q.lastPolledTime(), where + "lastPolledTime");
            }
        }
        while (!ref.isEmpty()) {
            assertEquals(ref.poll().payload(), q.poll(), at + "final drain");
        }
        assertTrue(q.isEmpty(), at + "queue not empty after drain");
    }

    private static <T> List<T> drain(EventQueue<T> q) {
        List<T> out = new ArrayList<>();
        while (!q.isEmpty()) out.add(q.poll());
        return out;
    }

    private static long heldPayloads(EventQueue<?> q) throws ReflectiveOperationException {
        Field f = EventQueue.class.getDeclaredField("slots");
        f.setAccessible(true);
        return Arrays.stream((Object[]) f.get(q)).filter(Objects::nonNull).count();
    }
}
