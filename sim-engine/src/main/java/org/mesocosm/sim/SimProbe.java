package org.mesocosm.sim;

import org.mesocosm.runtime.master.Master;

/** Looks at the simulation after every event (invariant checks in tests and torture runs). */
@FunctionalInterface
public interface SimProbe {
    void afterEvent(long now, Master master, SimClusterView cluster);
}
