package org.mesocosm.runtime.agent;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;

/**
 * How an agent runs.
 *
 * @param master base URL of the master, e.g. {@code http://127.0.0.1:5050}
 * @param id the agent's id; stable across restarts when the work dir is
 * @param workDir holds one sandbox directory per task
 * @param killGraceMillis after SIGTERM a task's process group gets this long before SIGKILL
 */
public record AgentSettings(URI master, String id, Resources total, Map<String, String> attributes, Path workDir,
                            long killGraceMillis) {
    public AgentSettings {
        attributes = Map.copyOf(attributes);
        if (killGraceMillis < 0) throw new IllegalArgumentException("kill grace must not be negative");
    }
}
