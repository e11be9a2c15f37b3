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
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskSpec;
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
 * arrives at its creation_time and runs until its deletion_time. The pod's GPU request is the
 * task's {@link GpuDemand}: the master books a sharing pod's gpu_milli on one device of a node of
 * an acceptable model, a k-GPU pod's k fully free devices (nodes advertise their devices and
 * their {@code gpu_model}). A pod list without times (the five-column variant) cannot be replayed.
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
            if (d.sharing()) stats.note("GPU-sharing pod replayed as a share of one device (the master books gpu_milli per device)");
            long wholeGpus = d.whole() ? d.gpus() : 0; // a share counts no whole GPU: the master books its milli on one device
            JobBuilder b = new JobBuilder();
            Outcome outcome = p.deletionS() == OpenbPod.UNKNOWN ? Outcome.UNKNOWN : Outcome.FINISHED;
            b.add(new Resources(p.pod().cpuMilli(), p.pod().memMiB(), 0, wholeGpus), deleted - at, 0, outcome);
            String role = p.qos().isEmpty() ? PriorityBands.band(PriorityBands.BATCH) : p.qos();
            ready.add(withGpu(b.build(at - start, p.pod().name(), role, JobKind.BATCH, PriorityBands.BATCH), d));
        }
        return ready.poll();
    }

    /** The pod's job with its one task asking the pod's GPU demand (share, whole devices, models). */
    private static TraceRecord withGpu(TraceRecord r, GpuDemand d) {
        if (d.none()) return r;
        WorkloadEvent.JobArrival a = (WorkloadEvent.JobArrival) r.event();
        JobSpec j = a.job();
        List<TaskSpec> tasks = new ArrayList<>(j.tasks().size());
        for (TaskSpec t : j.tasks()) tasks.add(t.withGpu(d));
        JobSpec withGpu = new JobSpec(j.id(), j.role(), j.kind(), j.priority(), tasks, j.maxRetries());
        return new TraceRecord(new WorkloadEvent.JobArrival(a.atMicros(), withGpu), r.facts(), r.traits());
    }

    @Override
    public ReadStats stats() { return stats; }

    @Override
    public long spanMicros() { return span; }

    @Override
    public void close() { }
}
