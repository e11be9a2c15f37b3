package org.mesocosm.runtime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GapListTest {
    static final class Item {
        final int id;
        int slot = -1;

        Item(int id) { this.id = id; }

        @Override public String toString() { return "#" + id; }
    }

    static final GapList.Slots<Item> SLOTS = new GapList.Slots<>() {
        @Override public int get(Item t) { return t.slot; }
        @Override public void set(Item t, int index) { t.slot = index; }
    };

    /** Against an ArrayList doing the same adds and removes: same elements, same order, every index right. */
    @Test
    void behavesAsAnOrderedListUnderRandomAddsAndRemoves() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            GapList<Item> g = new GapList<>(SLOTS);
            List<Item> model = new ArrayList<>();
            int next = 0;
            for (int step = 0; step < 2_000; step++) {
                if (model.isEmpty() || r.nextInt(100) < 55) {
                    Item it = new Item(next++);
                    g.add(it);
                    model.add(it);
                } else {
                    Item it = model.remove(r.nextInt(model.size()));
                    assertTrue(g.remove(it), "seed " + seed);
                    assertEquals(-1, it.slot, "seed " + seed + ": a removed element holds no index");
                    assertFalse(g.remove(it), "seed " + seed + ": removed twice");
                }
                assertEquals(model.size(), g.size(), "seed " + seed);
                if (r.nextInt(50) == 0) {
                    assertEquals(model, g.view(), "seed " + seed + " step " + step);
                    for (int i = 0; i < model.size(); i++) assertEquals(i, model.get(i).slot, "seed " + seed);
                }
            }
            assertEquals(model, List.copyOf(g.view()), "seed " + seed);
        }
    }

    @Test
    void anUnownedCopyNeverMovesTheOwnersIndexes() {
        GapList<Item> g = new GapList<>(SLOTS);
        Item a = new Item(1), b = new Item(2), c = new Item(3);
        g.add(a);
        g.add(b);
        g.add(c);
        GapList<Item> copy = g.unownedCopy();
        assertTrue(copy.remove(b));
        assertEquals(List.of(a, c), copy.view());
        assertEquals(1, b.slot, "the owner's index is untouched");
        assertEquals(List.of(a, b, c), g.view());
        assertTrue(g.remove(b));
        assertEquals(List.of(a, c), g.view());
        assertFalse(copy.remove(new Item(9)));
    }

    @Test
    void findSkipsGaps() {
        GapList<Item> g = new GapList<>(SLOTS);
        Item a = new Item(1), b = new Item(2);
        g.add(a);
        g.add(b);
        g.remove(a);
        assertEquals(b, g.find(x -> x.id >= 1));
        assertNull(g.find(x -> x.id == 1));
        assertTrue(!g.isEmpty());
    }
}
