package org.mesocosm.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A large Google 2011 task_events file for benchmarks, shaped like the real one: jobs of 1 to a
 * few hundred tasks, each task submitted, scheduled after a short delay on one of 12,500
 * machines, and finished, failed or killed later; base64 user hashes, normalized requests with
 * four or five significant digits, every row time-ordered. Seeded, so every run parses the same
 * bytes.
 */
final class SyntheticTaskEvents {
    private SyntheticTaskEvents() {}

    /** Writes {@code rows} rows (about 115 bytes each) into {@code dir/task_events/part-00000-of-00001.csv}. */
    static Path write(Path dir, int rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        long[] time = new long[rows];
        long[] job = new long[rows];
        int[] task = new int[rows];
        byte[] type = new byte[rows];
        long[] machine = new long[rows];
        int n = 0;
        long jobId = 6_250_000_000L;
        long submit = 600_000_000L;
        while (n < rows) {
            jobId += 1 + r.nextInt(40);
            submit += r.nextInt(6_000_000);
            int tasks = r.nextDouble() < 0.7 ? 1 : 2 + r.nextInt(200);
            for (int i = 0; i < tasks && n + 3 <= rows; i++) {
                long delay = (long) (-Math.log(1 - r.nextDouble()) * 2_000_000);
                long run = (long) (-Math.log(1 - r.nextDouble()) * 600_000_000);
                long m = 1 + r.nextInt(12_500) * 317L;
                int end = r.nextDouble() < 0.85 ? 4 : r.nextBoolean() ? 3 : 5;
                time[n] = submit; job[n] = jobId; task[n] = i; type[n] = 0; n++;
                time[n] = submit + delay; job[n] = jobId; task[n] = i; type[n] = 1; machine[n] = m; n++;
                time[n] = submit + delay + run; job[n] = jobId; task[n] = i; type[n] = (byte) end; machine[n] = m; n++;
            }
            if (rows - n < 3) break;
        }
        long[] order = new long[n];
        for (int i = 0; i < n; i++) order[i] = time[i] << 22 | i; // times < 2^41 us, rows < 2^22
        Arrays.sort(order);
        String[] users = new String[64];
        for (int i = 0; i < users.length; i++) users[i] = base64(r);
        Path d = dir.resolve("task_events");
        Files.createDirectories(d);
        Path f = d.resolve("part-00000-of-00001.csv");
        StringBuilder sb = new StringBuilder(160);
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.US_ASCII)) {
            for (int k = 0; k < n; k++) {
                int i = (int) (order[k] & ((1 << 22) - 1));
                SplittableRandom jr = new SplittableRandom(job[i]); // per-job constants: user, priority, request
                int prio = new int[] {0, 1, 2, 4, 4, 4, 9, 10}[jr.nextInt(8)];
                sb.setLength(0);
                sb.append(time[i]).append(",,").append(job[i]).append(',').append(task[i]).append(',');
                if (type[i] != 0) sb.append(machine[i]);
                sb.append(',').append(type[i]).append(',').append(users[jr.nextInt(users.length)]).append(',').append(jr.nextInt(4))
                        .append(',').append(prio).append(',')
                        .append(String.format(Locale.ROOT, "%.5f,%.5f,%.7f", 0.00625 + jr.nextDouble() * 0.1, 0.003 + jr.nextDouble() * 0.08,
                                jr.nextDouble() * 0.001))
                        .append(',').append(jr.nextInt(10) == 0 ? 1 : 0).append('\n');
                w.append(sb);
            }
        }
        return f;
    }

    private static String base64(SplittableRandom r) {
        String a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder s = new StringBuilder(44);
        for (int i = 0; i < 43; i++) s.append(a.charAt(r.nextInt(64)));
        return s.append('=').toString();
    }
}
