package org.mesocosm.traces.bin;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.InstanceFacts;
import org.mesocosm.traces.TaskTraits;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.io.TraceFiles;

/**
 * Reads {@link BinaryFormat}. The stream is already assembled, so options that shape assembly
 * (declared machine size, lookahead, roles) were fixed at conversion and are ignored here. A
 * window keeps the arrivals in it, shifted to start at 0; machine events before it are replayed
 * at time 0. Unlike a text trace, a job that arrived before the window is dropped, not carried in
 * with its remaining run time (the binary form no longer knows when each instance started).
 */
public final class BinaryTraceReader implements TraceReader {
    private static final JobKind[] KINDS = JobKind.values();
    /** Arrays sized by a count from the file start this small and grow as values really arrive. */
    private static final int CHUNK = 4096;
    /** The largest array a JVM allocates: a job beyond it is corrupt, not big. */
    private static final long MAX_JOB_INSTANCES = Integer.MAX_VALUE - 8;
    private final String file;
    private final TraceOptions opts;
    private final ReadStats stats;
    private final InputStream stream;
    private final ByteSource in;
    private final String source;
    private final Map<String, Map<String, String>> attrCache = new HashMap<>();
    private long time;
    private long records;
    private long span;
    private boolean done;

    public BinaryTraceReader(Path path, TraceOptions opts) {
        List<Path> files = TraceFiles.dataFiles(path);
        if (files.size() != 1) throw TraceException.file(TraceFiles.display(path), "a converted trace is one file, found a directory of " + files.size());
        this.file = TraceFiles.display(files.get(0));
        this.opts = opts;
        this.stats = new ReadStats(opts.lenient());
        this.stream = TraceFiles.open(files.get(0));
        this.in = new ByteSource(stream);
        try {
            byte[] magic = new byte[BinaryFormat.MAGIC.length];
            for (int i = 0; i < magic.length; i++) magic[i] = (byte) in.b();
            if (!Arrays.equals(magic, BinaryFormat.MAGIC)) throw TraceException.file(file, "not a Mesocosm converted trace (bad magic)");
            int v = in.b();
            if (v < BinaryFormat.VERSION) {
                throw TraceException.file(file, "converted trace version " + v + " was written by an older Mesocosm (before task usage, "
                        + "2019 constraints, Alibaba instances/containers and SWF run time estimates were kept); re-run 'mesocosm trace convert' on the source trace");
            }
            if (v != BinaryFormat.VERSION) throw TraceException.file(file, "converted trace version " + v + " is not supported (expected " + BinaryFormat.VERSION + ")");
            source = in.str();
        } catch (EOFException e) {
            close();
            throw TraceException.file(file, "truncated: ends inside the header");
        } catch (IOException e) {
            close();
            throw TraceException.file(file, "cannot read: " + e.getMessage());
        }
    }

    /** The trace this file was converted from. */
    public String source() { return source; }

    @Override
    public String name() { return "mesocosm:" + file + " (from " + source + ")"; }

    @Override
    public ReadStats stats() { return stats; }

    @Override
    public long spanMicros() { return span; }

    @Override
    public TraceRecord next() {
        try {
            while (!done) {
                TraceRecord r = read();
                if (r != null) return r;
            }
            return null;
        } catch (EOFException e) {
            throw TraceException.file(file, "truncated: ends after " + records + " records without the end marker");
        } catch (IOException | IllegalArgumentException e) {
            throw TraceException.file(file, "corrupt after " + records + " records (byte " + in.offset() + "): " + e.getMessage());
        }
    }

    /** One record; null when it falls outside the window (or at the end marker). */
    private TraceRecord read() throws IOException {
        int tag = in.b();
        if (tag == BinaryFormat.END) {
            trailer();
            return null;
        }
        time += in.varint();
        records++;
        long start = opts.windowStartMicros();
        long at = Math.max(time, start) - start;
        TraceRecord r = switch (tag) {
            case BinaryFormat.JOB -> job(at);
            case BinaryFormat.UP -> machineUp(at);
            case BinaryFormat.DOWN -> new TraceRecord(new WorkloadEvent.MachineDown(at, in.ref(), in.ref()), null);
            default -> throw new IOException("unknown record tag " + tag);
        };
        // past the window: keep decoding (cheap) so the trailer's read statistics still arrive
        if (time >= opts.windowEndMicros()) return null;
        if (time < start && tag == BinaryFormat.JOB) return null;
        return r;
    }

    private TraceRecord machineUp(long at) throws IOException {
        String id = in.ref();
        Resources cap = resources();
        int n = in.intVarint();
        Map<String, String> attrs = new TreeMap<>();
        for (int i = 0; i < n; i++) attrs.put(in.ref(), in.ref());
        Map<String, String> shared = attrCache.computeIfAbsent(attrs.toString(), k -> Map.copyOf(attrs));
        return new TraceRecord(new WorkloadEvent.MachineUp(at, id, cap, shared), null);
    }

    private TraceRecord job(long at) throws IOException {
        String id = in.str();
        String role = in.ref();
        int kind = in.b();
        if (kind >= KINDS.length) throw new IOException("unknown job kind " + kind);
        int priority = (int) in.zigzag();
        int retries = in.intVarint();
        int groups = in.intVarint();
        // counts come from the file: nothing is allocated ahead of the bytes that fill it
        List<TaskSpec> tasks = new ArrayList<>();
        long total = 0;
        for (int g = 0; g < groups; g++) {
            String name = in.ref();
            int instances = in.intVarint();
            Resources req = resources();
            double fail = in.dbl();
            long[] d = zigzags(in.intVarint());
            int deps = in.intVarint();
            List<String> dependsOn = new ArrayList<>();
            for (int i = 0; i < deps; i++) dependsOn.add(in.ref());
            int nl = in.intVarint();
            Map<String, String> labels = new TreeMap<>();
            for (int i = 0; i < nl; i++) labels.put(in.ref(), in.ref());
            TaskSpec t = TaskSpec.simulated(name, instances, req, new SimProfile(d, fail));
            if (deps != 0) t = t.withDependsOn(dependsOn);
            tasks.add(labels.isEmpty() ? t : t.withLabels(labels));
            total += instances;
            if (total > MAX_JOB_INSTANCES) throw new IOException("job " + id + " has more than " + MAX_JOB_INSTANCES + " instances");
        }
        int n = (int) total;
        long[] delays = new long[Math.min(n, CHUNK)];
        byte[] outcomes = new byte[delays.length];
        for (int i = 0; i < n; i++) {
            if (i == delays.length) {
                delays = Arrays.copyOf(delays, (int) Math.min(n, 2L * i));
                outcomes = Arrays.copyOf(outcomes, delays.length);
            }
            delays[i] = in.zigzag();
            outcomes[i] = (byte) in.b();
        }
        int nt = in.intVarint();
        if (nt != 0 && nt != groups) throw new IOException("job " + id + ": traits for " + nt + " of " + groups + " task groups");
        List<TaskTraits> traits = nt == 0 ? null : new ArrayList<>();
        for (int g = 0; g < nt; g++) {
            int nc = in.intVarint();
            List<String> constraints = new ArrayList<>();
            for (int i = 0; i < nc; i++) constraints.add(in.ref());
            Resources usage = in.b() == 1 ? resources() : null;
            traits.add(new TaskTraits(constraints, usage));
        }
        JobSpec job = new JobSpec(id, role, KINDS[kind], priority, tasks, retries);
        return new TraceRecord(new WorkloadEvent.JobArrival(at, job), new InstanceFacts(delays, outcomes), traits);
    }

    /** {@code n} zigzag values, the array grown as they are read (a corrupt count must not allocate gigabytes). */
    private long[] zigzags(int n) throws IOException {
        long[] a = new long[Math.min(n, CHUNK)];
        for (int i = 0; i < n; i++) {
            if (i == a.length) a = Arrays.copyOf(a, (int) Math.min(n, 2L * i));
            a[i] = in.zigzag();
        }
        return a;
    }

    private Resources resources() throws IOException {
        return new Resources(in.varint(), in.varint(), in.varint(), in.varint());
    }

    private void trailer() throws IOException {
        long n = in.varint();
        if (n != records) throw new IOException("end marker counts " + n + " records, read " + records);
        long fullSpan = in.varint();
        long rows = in.varint();
        long skipped = in.varint();
        Map<String, Long> reasons = counts();
        Map<String, Long> notes = counts();
        if (!in.checkCrc()) throw new IOException("checksum mismatch");
        stats.absorb(rows, skipped, reasons, notes);
        span = Math.max(0, Math.min(fullSpan, opts.windowEndMicros()) - opts.windowStartMicros());
        done = true;
        close();
    }

    private Map<String, Long> counts() throws IOException {
        int n = in.intVarint();
        Map<String, Long> m = new TreeMap<>();
        for (int i = 0; i < n; i++) m.put(in.str(), in.varint());
        return m;
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            // reading is over either way
        }
    }
}
