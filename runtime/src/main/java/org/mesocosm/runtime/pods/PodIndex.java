package org.mesocosm.runtime.pods;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.runtime.model.constraints.LabelSelector;
import org.mesocosm.runtime.util.GapList;

/**
 * Every placed pod, indexed by label, so that affinity and spread plugins count the pods a
 * selector matches without walking every pod of a 12,500-node cluster. Iteration is in placement
 * order (maps keyed by task seq, insertion-ordered), never hash order; the hash maps are only
 * looked up.
 */
public final class PodIndex {
    private final GapList<PlacedPod> all = new GapList<>(new GapList.Slots<>() {
        @Override public int get(PlacedPod p) { return p.indexSlot; }
        @Override public void set(PlacedPod p, int index) { p.indexSlot = index; }
    });
    private final LinkedHashMap<Long, PlacedPod> withAffinity = new LinkedHashMap<>();
    /** "key=value" and "key" (presence) to the pods that have it. */
    private final Map<String, LinkedHashMap<Long, PlacedPod>> byLabel = new HashMap<>();
    /** How many placed pods have each priority: lets preemption see at once that no pod is low enough to evict. */
    private final TreeMap<Integer, int[]> priorities = new TreeMap<>();

    void add(PlacedPod p) {
        long seq = p.task().seq();
        all.add(p);
        if (p.task().spec().podConstraints().hasPodAffinity()) withAffinity.put(seq, p);
        priorities.computeIfAbsent(p.priority(), k -> new int[1])[0]++;
        for (Map.Entry<String, String> e : p.task().spec().labels().entrySet()) {
            byLabel.computeIfAbsent(e.getKey() + "=" + e.getValue(), k -> new LinkedHashMap<>()).put(seq, p);
            byLabel.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(seq, p);
        }
    }

    void remove(PlacedPod p) {
        long seq = p.task().seq();
        all.remove(p);
        if (p.task().spec().podConstraints().hasPodAffinity()) withAffinity.remove(seq);
        int[] c = priorities.get(p.priority());
        if (c != null && --c[0] == 0) priorities.remove(p.priority());
        for (Map.Entry<String, String> e : p.task().spec().labels().entrySet()) {
            drop(e.getKey() + "=" + e.getValue(), seq);
            drop(e.getKey(), seq);
        }
    }

    private void drop(String key, long seq) {
        LinkedHashMap<Long, PlacedPod> m = byLabel.get(key);
        if (m == null) return;
        m.remove(seq);
        if (m.isEmpty()) byLabel.remove(key);
    }

    public int size() { return all.size(); }


    /** The lowest priority of any placed pod, or Integer.MAX_VALUE if none is placed. */
    public int lowestPriority() {
        return priorities.isEmpty() ? Integer.MAX_VALUE : priorities.firstKey();
    }

    /** Placed pods that have inter-pod affinity or anti-affinity terms, in placement order. */
    public Collection<PlacedPod> withAffinity() { return Collections.unmodifiableCollection(withAffinity.values()); }

    /**
     * A superset of the pods the selector matches, as small as the index allows: the pods having
     * one of its required labels (or label keys). Callers still test {@code selector.matches}.
     */
    public Collection<PlacedPod> candidates(LabelSelector selector) {
        Collection<PlacedPod> best = all.view();
        for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
            best = smaller(best, e.getKey() + "=" + e.getValue());
        }
        for (LabelSelector.Requirement r : selector.expressions()) {
            if (r.operator() == LabelSelector.Operator.IN && r.values().size() == 1) best = smaller(best, r.key() + "=" + r.values().get(0));
            else if (r.operator() == LabelSelector.Operator.EXISTS
                    || r.operator() == LabelSelector.Operator.IN) best = smaller(best, r.key());
        }
        return Collections.unmodifiableCollection(best);
    }

    private Collection<PlacedPod> smaller(Collection<PlacedPod> best, String key) {
        LinkedHashMap<Long, PlacedPod> m = byLabel.get(key);
        if (m == null) return List.of();
        return m.size() < best.size() ? m.values() : best;
    }
}
