package org.mesocosm.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The distributions the charts draw from {@code tasks.csv}, gathered in one streaming pass.
 * Nothing here repeats a metric of {@code summary.json}; these are the raw samples behind CDFs.
 *
 * @param rows task rows read (one per task attempt)
 * @param schedLatencyMs ready → placed latency of every placed task, in ms, sorted ascending
 * @param unplaced rows never placed (empty {@code placed_s})
 * @param jobs distinct {@code job_id}s
 * @param completionByKind completion time in seconds of each completed job, sorted ascending,
 *     per job kind (SERVICE, BATCH, CRON, PIPELINE first, in that order, then any other kind)
 */
record TaskDistributions(int rows, double[] schedLatencyMs, int unplaced, int jobs,
        Map<String, double[]> completionByKind) {

    static final List<String> KINDS = List.of("SERVICE", "BATCH", "CRON", "PIPELINE");
    static final List<String> STATE_NAMES = List.of(
            "PENDING", "STAGING", "RUNNING", "FINISHED", "FAILED", "KILLED", "LOST", "DISCONTINUED");
    private static final Set<String> STATES = Set.copyOf(STATE_NAMES);
    private static final String STATES_TEXT = String.join(", ", STATE_NAMES);

    int completedJobs() {
        return completionByKind.values().stream().mapToInt(a -> a.length).sum();
    }

    /** One job as seen so far. */
    private static final class Job {
        final String kind;
        double firstReady = Double.POSITIVE_INFINITY;
        double lastEnd = Double.NEGATIVE_INFINITY;
        boolean complete = true;

        Job(String kind) {
            this.kind = kind;
        }
    }

    /** One instance of a job: its latest attempt decides whether it finished. */
    private static final class Instance {
        final Job job;
        long lastAttempt = -1;
        boolean lastFinished;

        Instance(Job job) {
            this.job = job;
        }
    }

    static TaskDistributions read(Path file) throws IOException {
        try (CsvFile csv = CsvFile.open(file)) {
            int jobId = csv.column("job_id");
            int kind = csv.column("kind");
            int instance = csv.column("instance");
            int attempt = csv.column("attempt");
            int ready = csv.column("ready_s");
            int placed = csv.column("placed_s");
            int end = csv.column("end_s");
            int state = csv.column("state");

            Doubles latencies = new Doubles();
            Map<String, Job> jobs = new HashMap<>();
            Map<String, Instance> instances = new HashMap<>();
            int rows = 0;
            int unplaced = 0;
            while (csv.next()) {
                rows++;
                String st = csv.requiredText(state);
                if (!STATES.contains(st)) {
                    throw csv.error(state, "'" + st + "' is not a task state (expected one of " + STATES_TEXT + ")");
                }
                double readyS = csv.optionalNumber(ready);
                double placedS = csv.optionalNumber(placed);
                double endS = csv.optionalNumber(end);
                if (Double.isNaN(placedS)) {
                    unplaced++;
                } else if (Double.isNaN(readyS)) {
                    throw csv.error(ready, "empty, but the task was placed (placed_s is set)");
                } else if (placedS < readyS) {
                    throw csv.error(placed, "placed_s " + placedS + " is before ready_s " + readyS);
                } else {
                    // Round to the simulator's 1 µs resolution: decimal seconds do not subtract exactly.
                    latencies.add(Math.round((placedS - readyS) * 1e6) / 1000.0);
                }
                boolean finished = st.equals("FINISHED");
                if (finished && Double.isNaN(endS)) {
                    throw csv.error(end, "empty, but the task is FINISHED");
                }
                long att = wholeNumber(csv, attempt);

                String id = csv.requiredText(jobId);
                Job job = jobs.get(id);
                if (job == null) {
                    job = new Job(csv.requiredText(kind));
                    jobs.put(id, job);
                }
                if (readyS < job.firstReady) {
                    job.firstReady = readyS;
                }
                if (endS > job.lastEnd) {
                    job.lastEnd = endS;
                }
                Job owner = job;
                String key = id + '\u0000' + csv.requiredText(instance);
                Instance inst = instances.computeIfAbsent(key, k -> new Instance(owner));
                if (att > inst.lastAttempt) {
                    inst.lastAttempt = att;
                    inst.lastFinished = finished;
                } else if (att == inst.lastAttempt) {
                    inst.lastFinished &= finished;
                }
            }
            for (Instance inst : instances.values()) {
                if (!inst.lastFinished) {
                    inst.job.complete = false;
                }
            }
            Map<String, Doubles> byKind = new TreeMap<>();
            for (Job job : jobs.values()) {
                if (job.complete && job.lastEnd >= job.firstReady) {
                    byKind.computeIfAbsent(job.kind, k -> new Doubles()).add(job.lastEnd - job.firstReady);
                }
            }
            double[] sortedLatencies = latencies.toArray();
            Arrays.sort(sortedLatencies);
            return new TaskDistributions(rows, sortedLatencies, unplaced, jobs.size(), kindOrder(byKind));
        }
    }

    /** Known kinds in their documented order, then the rest alphabetically; each array sorted. */
    private static Map<String, double[]> kindOrder(Map<String, Doubles> byKind) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String k : KINDS) {
            if (byKind.containsKey(k)) {
                out.put(k, sorted(byKind.get(k)));
            }
        }
        byKind.forEach((k, v) -> out.putIfAbsent(k, sorted(v)));
        return Collections.unmodifiableMap(out);
    }

    private static double[] sorted(Doubles d) {
        double[] a = d.toArray();
        Arrays.sort(a);
        return a;
    }

    private static long wholeNumber(CsvFile csv, int col) throws RunFileException {
        double v = csv.number(col);
        if (v < 0 || v != Math.rint(v)) {
            throw csv.error(col, "'" + csv.text(col) + "' is not a whole number >= 0");
        }
        return (long) v;
    }
}
