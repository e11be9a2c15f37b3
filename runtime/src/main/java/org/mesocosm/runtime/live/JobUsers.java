package org.mesocosm.runtime.live;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OS user each job's tasks run as. Like secrets, it is a live-mode matter the master core
 * and the simulation need not know, so it is kept beside the input log ({@code users.json}) for
 * a restarted master to launch its jobs' tasks as the same users. Event loop thread only.
 */
final class JobUsers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> byJob = new TreeMap<>();
    private final Path file;

    JobUsers(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                byJob.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    void put(String jobId, String user) {
        if (user == null) return;
        byJob.put(jobId, user);
        if (file == null) return;
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), byJob);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The user of a job; a cron job's runs ({@code id@n}) have the cron job's. Null: the agent's own user. */
    String get(String jobId) {
        int at = jobId.indexOf('@');
        return byJob.get(at > 0 ? jobId.substring(0, at) : jobId);
    }
}
