package org.mesocosm.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.model.WorkloadSource;

/** A workload held in a list, sorted by time (stable), for tests. */
final class ListWorkload implements WorkloadSource {
    private final Iterator<WorkloadEvent> it;

    ListWorkload(List<? extends WorkloadEvent> events) {
        List<WorkloadEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(WorkloadEvent::atMicros));
        it = sorted.iterator();
    }

    @Override
    public String name() { return "list"; }

    @Override
    public WorkloadEvent next() { return it.hasNext() ? it.next() : null; }
}
