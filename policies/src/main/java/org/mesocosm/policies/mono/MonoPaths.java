package org.mesocosm.policies.mono;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.policy.Durations;
import org.mesocosm.runtime.policy.PolicyParams;

/**
 * The decision time of each path of a multi-path monolithic scheduler (Omega paper §4): a
 * {@code service} path for long-running jobs and a {@code batch} path for everything else
 * (batch, cron, pipeline). A path not given takes the run's {@code --decision-time model}.
 * Typed as {@code mono:paths=service:t_job=10s,batch:t_job=100ms}: the policy parameters are
 * split at commas, so every {@code KIND:t_job=...} after the first arrives as its own key.
 */
public final class MonoPaths implements DecisionPaths {
    public enum Path { SERVICE, BATCH }

    private final Map<Path, Long> job = new EnumMap<>(Path.class);
    private final Map<Path, Long> task = new EnumMap<>(Path.class);

    public static final MonoPaths NONE = new MonoPaths();

    static MonoPaths parse(PolicyParams params) {
        MonoPaths p = new MonoPaths();
        String first = params.values().get("paths");
        if (first != null) {
            int eq = first.indexOf('=');
            if (eq < 0) throw bad(params, "paths=" + first + " is not KIND:t_job=DURATION");
            p.set(params, first.substring(0, eq).trim(), first.substring(eq + 1).trim());
        }
        for (Map.Entry<String, String> e : params.values().entrySet()) {
            if (e.getKey().contains(":")) {
                if (first == null) throw bad(params, e.getKey() + " comes without paths= (write paths=service:t_job=...,batch:t_job=...)");
                p.set(params, e.getKey(), e.getValue());
            }
        }
        return p;
    }

    private void set(PolicyParams params, String key, String value) {
        int colon = key.indexOf(':');
        if (colon < 0) throw bad(params, "'" + key + "' is not KIND:t_job or KIND:t_task");
        Path path;
        try {
            path = Path.valueOf(key.substring(0, colon).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(params, "unknown path '" + key.substring(0, colon) + "' (valid: service, batch)");
        }
        String what = key.substring(colon + 1).trim();
        long micros;
        try {
            micros = Durations.parseMicros(value);
        } catch (IllegalArgumentException e) {
            throw bad(params, key + "=" + value + ": " + e.getMessage());
        }
        Map<Path, Long> target = switch (what) {
            case "t_job" -> job;
            case "t_task" -> task;
            default -> throw bad(params, "'" + what + "' in " + key + " (valid: t_job, t_task)");
        };
        if (target.put(path, micros) != null) throw bad(params, key + " given twice");
    }

    private static IllegalArgumentException bad(PolicyParams params, String what) {
        return new IllegalArgumentException("policy '" + params.policy() + "': " + what);
    }

    static Path pathOf(JobKind kind) {
        return kind == JobKind.SERVICE ? Path.SERVICE : Path.BATCH;
    }

    @Override public long jobMicros(JobKind kind) { return job.getOrDefault(pathOf(kind), -1L); }

    @Override public long taskMicros(JobKind kind) { return task.getOrDefault(pathOf(kind), -1L); }

    @Override public boolean hasPaths() { return !job.isEmpty() || !task.isEmpty(); }
}
