package org.mesocosm.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.security.OwnerOnlyFiles;

/**
 * What the agent knows about a task it started, kept where no task can write: in the agent's own
 * {@code task-records} directory (0700), one file per sandbox. A sandbox belongs to its task's user,
 * so nothing read from it may steer what the agent (root) does: which process a restarted agent
 * adopts (and may later kill), which secret files it deletes, and when it removes the sandbox all
 * come from here.
 *
 * @param box the sandbox's directory name under {@code sandboxes}
 * @param secretFiles secret files written into the sandbox, relative to it; recorded before they are written
 * @param pid the task's process, -1 before it started
 * @param startMillis the process's start time, so that a reused pid is not mistaken for it
 * @param endedMillis when the agent saw the task end (wall clock), -1 while it runs
 */
record TaskRecord(String taskId, String box, List<String> secretFiles, long pid, long startMillis, long endedMillis) {
    static final String DIR = "task-records";

    TaskRecord {
        secretFiles = List.copyOf(secretFiles);
    }

    static TaskRecord planned(String taskId, Path sandbox, List<String> secretFiles) {
        return new TaskRecord(taskId, sandbox.getFileName().toString(), secretFiles, -1, -1, -1);
    }

    TaskRecord started(ProcessHandle h) {
        long start = h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
        return new TaskRecord(taskId, box, secretFiles, h.pid(), start, -1);
    }

    TaskRecord ended(long atMillis) {
        return new TaskRecord(taskId, box, secretFiles, pid, startMillis, atMillis);
    }

    boolean hasEnded() { return endedMillis >= 0; }

    Path sandbox(Path workDir) { return workDir.resolve("sandboxes").resolve(box); }

    /** The agent-only directory of records, created 0700 if missing. */
    static Path dir(Path workDir) throws IOException {
        Path d = workDir.resolve(DIR);
        if (!Files.isDirectory(d)) Files.createDirectories(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return d;
    }

    /** Writes (or replaces) this record; returns it. */
    TaskRecord save(Path workDir) throws IOException {
        ObjectNode o = MasterLink.JSON.createObjectNode().put("task_id", taskId).put("box", box).put("pid", pid)
                .put("start_ms", startMillis).put("ended_ms", endedMillis);
        secretFiles.forEach(o.putArray("secret_files")::add);
        OwnerOnlyFiles.replace(dir(workDir).resolve(box + ".json"), MasterLink.JSON.writeValueAsBytes(o));
        return this;
    }

    void delete(Path workDir) throws IOException {
        Files.deleteIfExists(dir(workDir).resolve(box + ".json"));
    }

    /** Every record in the work dir, in name order; one that cannot be read is reported on {@code log} and skipped. */
    static List<TaskRecord> all(Path workDir, java.io.PrintStream log) throws IOException {
        List<TaskRecord> out = new ArrayList<>();
        Path d = workDir.resolve(DIR);
        if (!Files.isDirectory(d)) return out;
        try (var files = Files.list(d)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    JsonNode n = MasterLink.JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
                    List<String> secrets = new ArrayList<>();
                    n.path("secret_files").forEach(s -> secrets.add(s.asText()));
                    out.add(new TaskRecord(n.path("task_id").asText(), n.path("box").asText(), secrets, n.path("pid").asLong(-1),
                            n.path("start_ms").asLong(-1), n.path("ended_ms").asLong(-1)));
                } catch (IOException e) {
                    log.println("mesocosm agent: skipping unreadable task record " + f + ": " + e.getMessage());
                }
            }
        }
        return out;
    }
}
