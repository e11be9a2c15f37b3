package org.mesocosm.runtime.pods;

/**
 * A scheduling plugin. It implements only the phase interfaces it serves; the {@link Profile}
 * finds them by type.
 */
public interface Plugin {
    /** Unique within a profile, e.g. {@code NodeResourcesFit}. */
    String name();

    /** Called once when the scheduler starts, before any cycle. */
    default void init(FrameworkHandle handle) {}
}
