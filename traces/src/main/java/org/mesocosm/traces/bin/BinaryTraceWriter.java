package org.mesocosm.traces.bin;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.InstanceFacts;
import org.mesocosm.traces.TaskTraits;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;

/**
 * Writes a trace in {@link BinaryFormat}. Labels, node selectors and live-mode fields of task
 * specs are not stored: trace readers never produce them. A file name ending in {@code .gz} is
 * gzip-compressed as well (readers detect that from the content).
 */
public final class BinaryTraceWriter implements AutoCloseable {
    private final OutputStream raw;
    private final ByteSink out;
    private long lastTime;
    private long records;
    private boolean finished;

    public BinaryTraceWriter(OutputStream os, String sourceName) throws IOException {
        this.raw = os;
        this.out = new ByteSink(os);
        out.bytes(BinaryFormat.MAGIC);
        out.b(BinaryFormat.VERSION);
        out.str(sourceName);
    }

    /** Converts the whole of {@code reader} into {@code file}; returns the number of records. */
    public static long convert(TraceReader reader, Path file) throws IOException {
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) os = new GZIPOutputStream(os, 1 << 16);
        try (BinaryTraceWriter w = new BinaryTraceWriter(os, reader.name())) {
            for (TraceRecord r = reader.next(); r != null; r = reader.next()) w.write(r);
            w.finish(reader.spanMicros(), reader.stats());
            return w.records;
        }
    }

    public void write(TraceRecord r) throws IOException {
        WorkloadEvent e = r.event();
        long t = e.atMicros();
        if (t < lastTime) throw new IllegalArgumentException("records must be in time order: " + t + " < " + lastTime);
        if (e instanceof WorkloadEvent.JobArrival a) {
            out.b(BinaryFormat.JOB);
            out.varint(t - lastTime);
            job(a.job(), r.facts(), r.traits());
        } else if (e instanceof WorkloadEvent.MachineUp m) {
            out.b(BinaryFormat.UP);
            out.varint(t - lastTime);
            out.ref(m.machineId());
            resources(m.capacity());
            out.varint(m.attributes().size());
            for (Map.Entry<String, String> kv : new java.util.TreeMap<>(m.attributes()).entrySet()) {
                out.ref(kv.getKey());
                out.ref(kv.getValue());
            }
        } else if (e instanceof WorkloadEvent.MachineDown m) {
            out.b(BinaryFormat.DOWN);
            out.varint(t - lastTime);
            out.ref(m.machineId());
            out.ref(m.reason());
        } else {
            throw new IllegalArgumentException("unexpected event " + e);
        }
        lastTime = t;
        records++;
    }

    private void job(JobSpec j, InstanceFacts facts, List<TaskTraits> traits) throws IOException {
        out.str(j.id());
        out.ref(j.role());
        out.b(j.kind().ordinal());
        out.zigzag(j.priority());
        out.varint(j.maxRetries());
        out.varint(j.tasks().size());
        for (TaskSpec t : j.tasks()) {
            if (!t.nodeSelector().isEmpty() || t.command() != null) {
                throw new IllegalArgumentException("job " + j.id() + ": the binary form stores no selectors or commands");
            }
            out.ref(t.name());
            out.varint(t.instances());
            resources(t.request());
            out.dbl(t.sim().failureProbability());
            long[] d = t.sim().durationsMicros();
            out.varint(d.length);
            for (long x : d) out.zigzag(x);
            out.varint(t.dependsOn().size());
            for (String dep : t.dependsOn()) out.ref(dep);
            out.varint(t.labels().size());
            for (Map.Entry<String, String> e : new TreeMap<>(t.labels()).entrySet()) {
                out.ref(e.getKey());
                out.ref(e.getValue());
            }
        }
        for (int i = 0; i < facts.size(); i++) {
            out.zigzag(facts.delayMicros()[i]);
            out.b(facts.outcomes()[i]);
        }
        out.varint(traits == null ? 0 : traits.size());
        if (traits == null) return;
        for (TaskTraits t : traits) {
            out.varint(t.constraints().size());
            for (String c : t.constraints()) out.ref(c);
            out.b(t.usage() == null ? 0 : 1);
            if (t.usage() != null) resources(t.usage());
        }
    }

    private void resources(Resources r) throws IOException {
        out.varint(r.cpuMillis());
        out.varint(r.memMiB());
        out.varint(r.diskMiB());
        out.varint(r.gpus());
    }

    /** Writes the end marker with the source's span and read statistics, and the CRC. */
    public void finish(long spanMicros, ReadStats stats) throws IOException {
        out.b(BinaryFormat.END);
        out.varint(records);
        out.varint(spanMicros);
        out.varint(stats.rows());
        out.varint(stats.skipped());
        counts(stats.skippedByReason());
        counts(stats.notes());
        out.finishWithCrc();
        finished = true;
    }

    private void counts(Map<String, Long> m) throws IOException {
        out.varint(m.size());
        for (Map.Entry<String, Long> e : m.entrySet()) {
            out.str(e.getKey());
            out.varint(e.getValue());
        }
    }

    public long records() { return records; }

    /** True once {@link #finish} wrote the end marker; a file closed without it reads as truncated. */
    public boolean finished() { return finished; }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
