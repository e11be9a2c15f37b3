package org.mesocosm.runtime.master.purityfixture;

import java.time.Instant;

/** Breaks the core rules on purpose (see CorePurityTest): a core class that reads the wall clock. */
public final class ReadsTheWallClock {
    public long millis() { return System.currentTimeMillis(); }

    public Instant instant() { return Instant.now(); }
}
