package org.mesocosm.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a sandbox records about its task so that a restarted agent can find it again: the task id
 * and process (pid and start time, so a reused pid is not mistaken for it) in {@code task.json},
 * and the command's exit status in {@code exit_code} once it ends.
 */
final class ExitFile {
    static final String NAME = "exit_code";

    record Recorded(String taskId, long pid, long startMillis) {}

    private ExitFile() {}

    static void writeTask(Path file, String taskId, ProcessHandle h) throws IOException {
        long start = h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
        Files.writeString(file, MasterLink.JSON.writeValueAsString(MasterLink.JSON.createObjectNode().put("task_id", taskId)
                .put("pid", h.pid()).put("start_ms", start)), StandardCharsets.UTF_8);
    }

    /** The task a sandbox records, or null if it records none (or not readably). */
    static Recorded readTask(Path file) {
        try {
            if (!Files.exists(file)) return null;
            JsonNode n = MasterLink.JSON.readTree(file.toFile());
            return new Recorded(n.path("task_id").asText(), n.path("pid").asLong(), n.path("start_ms").asLong());
        } catch (IOException e) {
            return null;
        }
    }

    /** The exit status the wrapper left, or -1 if it left none (the process was killed by a signal). */
    static int read(Path sandbox) {
        try {
            return Integer.parseInt(Files.readString(sandbox.resolve(NAME), StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
