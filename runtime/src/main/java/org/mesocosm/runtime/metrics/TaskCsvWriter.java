package org.mesocosm.runtime.metrics;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mesocosm.runtime.master.Task;

/**
 * Streams one row per task attempt to {@code tasks.csv} as tasks end, so finished tasks never
 * pile up on the heap. Times are seconds since the start of the run; empty when not reached.
 * {@code gpu_devices} lists the GPU device indices the master gave the task on its agent
 * ({@code "0,3"}), empty for a task that asks for none.
 */
public final class TaskCsvWriter implements TaskRowSink, Closeable {
    public static final String HEADER =
            "task_id,job_id,role,kind,priority,instance,attempt,cpu_m,mem_mib,ready_s,placed_s,start_s,end_s,agent,state,reason,gpu_devices";
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(160);
    private char[] chars = new char[160];

    public TaskCsvWriter(Path file) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.write('\n');
    }

    @Override
    public void accept(Task t) {
        line.setLength(0);
        line.append(t.id()).append(',').append(t.jobId()).append(',').append(t.role()).append(',').append(t.kind()).append(',')
                .append(t.priority()).append(',').append(t.instance()).append(',').append(t.attempt()).append(',')
                .append(t.request().cpuMillis()).append(',').append(t.request().memMiB()).append(',');
        seconds(t.readyAt()).append(',');
        seconds(t.placedAt()).append(',');
        seconds(t.startedAt()).append(',');
        seconds(t.endedAt()).append(',');
        line.append(t.agent() == null ? "" : t.agent().id()).append(',').append(t.state()).append(',');
        csvField(t.endReason()).append(',');
        gpuDevices(t).append('\n');
        int n = line.length();
        if (n > chars.length) chars = new char[Math.max(n, 2 * chars.length)];
        line.getChars(0, n, chars, 0);
        try {
            out.write(chars, 0, n); // not append(line): that copies the line into a String first
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The device indices the master gave the task, {@code "0,3"} (quoted: it holds commas); empty when none. */
    private StringBuilder gpuDevices(Task t) {
        if (t.gpu().none() || t.placedAt() < 0) return line;
        int[] d = t.gpuDevices();
        if (d.length == 0) return line;
        if (d.length == 1) return line.append(d[0]);
        line.append('"');
        for (int i = 0; i < d.length; i++) line.append(i == 0 ? "" : ",").append(d[i]);
        return line.append('"');
    }

    /** A free-text field, quoted when it holds a comma, quote or line break (RFC 4180). */
    private StringBuilder csvField(String v) {
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) return line.append(v);
        return line.append('"').append(v.replace("\"", "\"\"")).append('"');
    }

    /** Microseconds as seconds with six decimals, without floating point. */
    private StringBuilder seconds(long micros) {
        if (micros < 0) return line;
        line.append(micros / 1_000_000).append('.');
        int frac = (int) (micros % 1_000_000);
        for (int unit = 100_000; unit > 0; unit /= 10) line.append((char) ('0' + frac / unit % 10));
        return line;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
