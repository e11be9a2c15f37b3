package org.mesocosm.runtime.live;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * Secret values of submitted jobs, by job id and task name. They live here, in the driver, and
 * never in the master core, the input log or API answers; a launch command carries them to the
 * agent that runs the task. With a state directory they are kept in {@code secrets.json}
 * (owner-only permissions, not encrypted: encryption and access control are a later issue) so
 * that a restarted master can still launch its jobs' tasks. Event loop thread only.
 */
final class SecretStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Map<String, Map<String, String>>> byJob = new HashMap<>();
    private final Path file;

    SecretStore(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                byJob.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Map<String, Map<String, String>>>>() {}));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    void put(String jobId, Map<String, Map<String, String>> secrets) {
        if (secrets.isEmpty()) return;
        byJob.put(jobId, secrets);
        save();
    }

    /** Secrets of one task group; a cron job's runs ({@code id@n}) use the cron job's. */
    Map<String, String> get(String jobId, String taskName) {
        int at = jobId.indexOf('@');
        Map<String, Map<String, String>> job = byJob.get(at > 0 ? jobId.substring(0, at) : jobId);
        return job == null ? Map.of() : job.getOrDefault(taskName, Map.of());
    }

    private void save() {
        if (file == null) return;
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            JSON.writeValue(tmp.toFile(), byJob);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
