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

    /**
     * Remembers (in memory) whom a job's tasks run as; null: the agent's own user, which also
     * forgets a user an earlier job of that id had. {@link #save} writes it down.
     */
    void put(String jobId, String user) {
        if (user == null) byJob.remove(jobId);
        else byJob.put(jobId, user);
    }

    void forget(String jobId) {
        byJob.remove(jobId);
    }

    /** Forgets the users of jobs the recovered master does not know (their submission never reached the log). */
    void retainOnly(java.util.function.Predicate<String> knownJob) {
        if (byJob.keySet().removeIf(id -> !knownJob.test(id))) save();
    }

    /** Writes {@code users.json} (atomically): only after the job's input went to the log, never ahead of it. */
    void save() {
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
