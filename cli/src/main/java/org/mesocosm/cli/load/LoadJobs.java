package org.mesocosm.cli.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/**
 * The jobs a load run submits, drawn from the seed: job {@code i} is the same batch job whoever
 * submits it and whenever. Each has 1 to {@code maxInstances} tasks of 0.1-1 cpu and 64-1024 MiB
 * that run for a seeded time; the load agents read that time from {@link #RUN_MS_ENV} (a real
 * agent would run the {@code sleep} command instead, for the same time).
 */
final class LoadJobs {
    static final String RUN_MS_ENV = "MESOCOSM_LOAD_RUN_MS";
    static final int ROLES = 4;

    /** One submission: its JSON body and how many tasks it asks for. */
    record Job(byte[] body, int instances) {}

    private final long seed;
    private final int maxInstances;
    private final int minRunMs;
    private final int maxRunMs;

    LoadJobs(long seed, int maxInstances, int minRunMs, int maxRunMs) {
        if (maxInstances < 1) throw new IllegalArgumentException("max instances must be at least 1");
        if (minRunMs < 0 || maxRunMs < minRunMs) throw new IllegalArgumentException("task run time: need 0 <= min <= max");
        this.seed = seed;
        this.maxInstances = maxInstances;
        this.minRunMs = minRunMs;
        this.maxRunMs = maxRunMs;
    }

    Job job(int i) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        int instances = 1 + r.nextInt(maxInstances);
        int runMs = minRunMs + r.nextInt(maxRunMs - minRunMs + 1);
        ObjectNode spec = Transport.JSON.createObjectNode().put("kind", "batch").put("role", "load" + (i % ROLES));
        ObjectNode t = spec.putArray("tasks").addObject().put("name", "t").put("instances", instances)
                .put("cpu_m", 100 * (1 + r.nextInt(10))).put("mem", 64 * (1 + r.nextInt(16)))
                .put("command", String.format(java.util.Locale.ROOT, "sleep %.3f", runMs / 1000.0));
        t.putObject("env").put(RUN_MS_ENV, Integer.toString(runMs));
        try {
            return new Job(Transport.JSON.writeValueAsBytes(spec), instances);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
