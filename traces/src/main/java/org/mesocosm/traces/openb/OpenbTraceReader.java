package org.mesocosm.traces.openb;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuNodeSpec;
import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.PriorityBands;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.assemble.JobBuilder;

/**
 * The openb lists as a replay: every node up at time 0, every pod a one-instance batch job that
 * arrives at its creation_time and runs until its deletion_time. The replay's master counts GPUs
 * per node, it does not yet track devices: a pod asks for {@code ceil(gpus x gpu_milli / 1000)}
 * GPUs, so a sharing pod holds a whole GPU in a replay (the {@code experiment fgd} command models
 * the devices). A pod list without times (the five-column variant) cannot be replayed.
 */
public final class OpenbTraceReader implements TraceReader {
    private final String name;
    private final ReadStats stats;
    private final ArrayDeque<TraceRecord> ready = new ArrayDeque<>();
    private final List<OpenbPod> pods;
    private final long start, end;
    private int next;
    private long span;

    public OpenbTraceReader(Path dir, TraceOptions opts) {
        this.name = "openb:" + dir;
        this.stats = new ReadStats(opts.lenient());
        OpenbTrace t = OpenbReader.readDir(dir);
        List<OpenbPod> timed = new ArrayList<>();
        for (OpenbPod p : t.pods()) {
            if (!p.hasTimes()) {
                throw TraceException.file(dir.toString(), "pod " + p.pod().name() + " has no creation_time: this pod list variant has no times to replay "
                        + "(use 'mesocosm experiment fgd' for it)");
            }
            timed.add(p);
        }
        timed.sort(Comparator.comparingLong(OpenbPod::creationS)); // stable: file order among equal times
        this.pods = timed;
        this.start = opts.windowStartMicros();
        this.end = opts.windowEndMicros();
        for (GpuNodeSpec n : t.nodes()) {
            stats.row("node_list");
            ready.add(new TraceRecord(new WorkloadEvent.MachineUp(0, n.name(), new Resources(n.cpuMilli(), n.memMiB(), 0, n.gpus()),
                    n.model().isEmpty() ? Map.of() : Map.of("gpu_model", n.model())), null));
        }
    }

    @Override
    public String name() { return name; }

    @Override
    public TraceRecord next() {
        while (ready.isEmpty() && next < pods.size()) {
            OpenbPod p = pods.get(next++);
            stats.row("pod_list");
            long created = p.creationS() * 1_000_000L;
            if (created >= end) {
                next = pods.size();
                break;
            }
            long deleted = p.deletionS() == OpenbPod.UNKNOWN ? created : p.deletionS() * 1_000_000L;
            if (deleted <= start) {
                stats.note("pod deleted before the window (not replayed)");
                continue;
            }
            long at = Math.max(created, start);
            span = Math.max(span, deleted - start);
            GpuDemand d = p.pod().gpu();
            if (d.sharing()) stats.note("GPU-sharing pod replayed as one whole GPU (the replay counts GPUs, not device shares)");
            long gpus = (d.totalMilli() + GpuDemand.DEVICE_MILLI - 1) / GpuDemand.DEVICE_MILLI;
            JobBuilder b = new JobBuilder();
            Outcome outcome = p.deletionS() == OpenbPod.UNKNOWN ? Outcome.UNKNOWN : Outcome.FINISHED;
            b.add(new Resources(p.pod().cpuMilli(), p.pod().memMiB(), 0, gpus), deleted - at, 0, outcome);
            String role = p.qos().isEmpty() ? PriorityBands.band(PriorityBands.BATCH) : p.qos();
            ready.add(b.build(at - start, p.pod().name(), role, JobKind.BATCH, PriorityBands.BATCH));
        }
        return ready.poll();
    }

    @Override
    public ReadStats stats() { return stats; }

    @Override
    public long spanMicros() { return span; }

    @Override
    public void close() { }
}
