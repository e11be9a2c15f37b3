package org.mesocosm.runtime.master.purityfixture;

import org.mesocosm.runtime.log.InputLog;

/** Breaks the core rules on purpose (see CorePurityTest): a core class that writes to the durable log. */
public final class UsesTheDurableLog {
    private final InputLog log;

    public UsesTheDurableLog(InputLog log) { this.log = log; }

    public InputLog log() { return log; }
}
