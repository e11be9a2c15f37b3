package org.mesocosm.runtime.master;

/** Receives the master's commands, in order. */
@FunctionalInterface
public interface CommandSink {
    void emit(long now, Command command);
}
