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
 * @param sandboxRetentionMillis a sandbox is deleted this long after its task ended (its stdout and stderr with it)
 */
public record AgentSettings(URI master, String id, Resources total, Map<String, String> attributes, Path workDir,
                            long killGraceMillis, long sandboxRetentionMillis) {
    /** Default sandbox retention: an hour to look at a task's output after it ended. */
    public static final long DEFAULT_SANDBOX_RETENTION_MILLIS = 3_600_000L;

    public AgentSettings {
        attributes = Map.copyOf(attributes);
        if (killGraceMillis < 0) throw new IllegalArgumentException("kill grace must not be negative");
        if (sandboxRetentionMillis < 0) throw new IllegalArgumentException("sandbox retention must not be negative");
    }

    /** With the default sandbox retention. */
    public AgentSettings(URI master, String id, Resources total, Map<String, String> attributes, Path workDir, long killGraceMillis) {
        this(master, id, total, attributes, workDir, killGraceMillis, DEFAULT_SANDBOX_RETENTION_MILLIS);
    }

    public AgentSettings withSandboxRetention(long millis) {
        return new AgentSettings(master, id, total, attributes, workDir, killGraceMillis, millis);
    }
}
