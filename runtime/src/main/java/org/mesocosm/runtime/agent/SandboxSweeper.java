package org.mesocosm.runtime.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Deletes the sandboxes of tasks that ended longer ago than the retention time, with their
 * records. Which sandboxes, and when their task ended, come from the agent's own records, never
 * from the sandbox (whose dates its task can set); the deletion never follows a link
 * ({@link SandboxFiles#deleteTree}).
 */
final class SandboxSweeper {
    private final Path workDir;
    private final long retentionMillis;
    private final PrintStream log;
    /** Sandboxes that could not be deleted, reported once each. */
    private final Set<String> reported = new HashSet<>();

    SandboxSweeper(Path workDir, long retentionMillis, PrintStream log) {
        this.workDir = workDir;
        this.retentionMillis = retentionMillis;
        this.log = log;
    }

    /** How often to look: a quarter of the retention, between 50 ms and a minute. */
    long periodMillis() {
        return Math.max(50, Math.min(60_000, retentionMillis / 4));
    }

    /** Deletes what is due at {@code nowMillis}; returns how many sandboxes went. */
    synchronized int sweep(long nowMillis) {
        int deleted = 0;
        try {
            for (TaskRecord r : TaskRecord.all(workDir, log)) {
                if (!r.hasEnded() || nowMillis - r.endedMillis() < retentionMillis) continue;
                try {
                    SandboxFiles.deleteTree(r.sandbox(workDir));
                    r.delete(workDir);
                    reported.remove(r.box());
                    deleted++;
                } catch (IOException e) {
                    // a process the task left behind may still write there: tried again at the next sweep
                    if (reported.add(r.box())) log.println("mesocosm agent: could not delete sandbox " + r.sandbox(workDir) + ": " + e.getMessage());
                }
            }
        } catch (IOException | RuntimeException e) {
            log.println("mesocosm agent: sandbox cleanup failed: " + e);
        }
        return deleted;
    }
}
