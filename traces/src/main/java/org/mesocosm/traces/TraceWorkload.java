package org.mesocosm.traces;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.runtime.model.WorkloadSource;

/**
 * A trace as a simulation workload. {@code speedup} compresses time: arrival and machine event
 * times are divided by it while run times stay as recorded, so a speedup of 2 offers twice the
 * load (the way trace replays are stress-tested). Listeners see every record as replayed (for the
 * fidelity table and {@code trace inspect}).
 */
public final class TraceWorkload implements WorkloadSource {
    private final TraceReader reader;
    private final double speedup;
    private final List<Consumer<TraceRecord>> listeners = new ArrayList<>();
    private long records;
    private boolean machines = true;

    public TraceWorkload(TraceReader reader, double speedup) {
        if (!(speedup > 0 && speedup < 1e9)) throw new IllegalArgumentException("speedup must be > 0, got " + speedup);
        this.reader = reader;
        this.speedup = speedup;
    }

    /**
     * On a fixed cluster ({@code --nodes N}) the trace's own machines must not join it: machine
     * events are then shown to listeners but not handed to the simulation.
     */
    public TraceWorkload withoutMachines() {
        this.machines = false;
        return this;
    }

    public TraceWorkload listen(Consumer<TraceRecord> l) {
        listeners.add(l);
        return this;
    }

    public TraceReader reader() { return reader; }

    public double speedup() { return speedup; }

    /** Records handed out so far. */
    public long records() { return records; }

    /** Replay time of the end of the trace (its span, compressed by the speedup). */
    public long spanMicros() {
        return scale(reader.spanMicros());
    }

    @Override
    public String name() {
        return reader.name();
    }

    @Override
    public WorkloadEvent next() {
        while (true) {
            TraceRecord r = reader.next();
            if (r == null) return null;
            if (speedup != 1) r = new TraceRecord(retime(r.event(), scale(r.atMicros())), r.facts(), r.traits());
            records++;
            for (Consumer<TraceRecord> l : listeners) l.accept(r);
            if (machines || r.facts() != null) return withTraits(r);
        }
    }

    /** Puts what the trace says beyond requests (constraints, measured usage) on the job's task groups. */
    private static WorkloadEvent withTraits(TraceRecord r) {
        if (r.traits() == null || !(r.event() instanceof WorkloadEvent.JobArrival a)) return r.event();
        JobSpec job = a.job();
        List<TaskSpec> tasks = new ArrayList<>(job.tasks().size());
        for (int i = 0; i < job.tasks().size(); i++) {
            TaskSpec t = job.tasks().get(i);
            TaskTraits traits = r.traits(i);
            if (!traits.constraints().isEmpty()) t = t.withConstraints(traits.constraints());
            // a sampled mean can exceed the request on one dimension; usage is capped at what was asked for
            if (traits.usage() != null) t = t.withUsage(capped(traits.usage(), t.request()));
            tasks.add(t);
        }
        JobSpec withTraits = job.with(job.id(), tasks);
        return new WorkloadEvent.JobArrival(a.atMicros(), withTraits);
    }

    private static Resources capped(Resources usage, Resources request) {
        return new Resources(Math.min(usage.cpuMillis(), request.cpuMillis()), Math.min(usage.memMiB(), request.memMiB()),
                Math.min(usage.diskMiB(), request.diskMiB()), Math.min(usage.gpus(), request.gpus()));
    }

    private long scale(long t) {
        return speedup == 1 ? t : Math.round(t / speedup);
    }

    private static WorkloadEvent retime(WorkloadEvent e, long at) {
        if (e instanceof WorkloadEvent.JobArrival a) return new WorkloadEvent.JobArrival(at, a.job());
        if (e instanceof WorkloadEvent.MachineUp m) return new WorkloadEvent.MachineUp(at, m.machineId(), m.capacity(), m.attributes());
        if (e instanceof WorkloadEvent.MachineDown m) return new WorkloadEvent.MachineDown(at, m.machineId(), m.reason());
        throw new IllegalArgumentException("unexpected event " + e);
    }

    @Override
    public void close() {
        reader.close();
    }
}
