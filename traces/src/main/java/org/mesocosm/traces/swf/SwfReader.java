package org.mesocosm.traces.swf;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.InstanceFacts;
import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.PriorityBands;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.assemble.JobBuilder;
import org.mesocosm.traces.io.PartReader;
import org.mesocosm.traces.io.RowException;
import org.mesocosm.traces.io.TraceFiles;

/**
 * Replays a Standard Workload Format log (Parallel Workloads Archive). A job of P processors
 * becomes P instances of one processor each (the declared machine is one processor: 1 core and
 * 1 GiB unless {@code --machine} says otherwise), asking for the job's memory per processor
 * (requested, else used; none when both are -1). An SWF job is a rigid parallel job: its
 * processors start together and its wait is per job. The job's task group carries the labels
 * {@value #RIGID_LABEL} (so the fidelity table counts waits per job) and, when field 9 is known,
 * {@value #ESTIMATE_LABEL} (the user's run time estimate in seconds, which a backfilling policy
 * such as {@code easy} reserves by; the job still runs its recorded run time). Policies that place
 * tasks one by one (drf, k8s, borg) start the instances independently. Queueing delay is the log's
 * wait time.
 *
 * <p>Time 0 of the replay is the window start or, without a window, the first job's submit time.
 *
 * <p>Header comments ({@code ; MaxNodes: 100}) are kept in {@link #header()}. When MaxNodes or
 * MaxProcs is given, the machines are created at time 0: MaxNodes nodes of MaxProcs/MaxNodes
 * processors. Status 1 is FINISHED, 0 FAILED, 5 cancelled (KILLED, or ENDED_PENDING when it never
 * ran); partial-execution records (status 2-4) are counted, not replayed, since the job's own
 * line carries its totals.
 */
public final class SwfReader implements TraceReader {
    public static final Resources DEFAULT_MACHINE = new Resources(1_000, 1_024, 0, 0);
    /** Label of a rigid (gang) job's task group; its value is the job's processor count. */
    public static final String RIGID_LABEL = "rigid_procs";
    /** Label holding field 9, the requested time (run time estimate), in whole seconds. */
    public static final String ESTIMATE_LABEL = "requested_time_s";

    private final String name;
    private final TraceOptions opts;
    private final ReadStats stats;
    private final PartReader lines;
    private final SwfJob job = new SwfJob();
    private final Resources perProc;
    private final Map<String, String> header = new TreeMap<>();
    private final ArrayDeque<TraceRecord> ready = new ArrayDeque<>();
    private final JobBuilder builder = new JobBuilder();
    private long start;
    private boolean originSet;
    private boolean pendingLine;
    private boolean done;
    private long lastSubmit;
    private long lastEvent;
    private long jobsOut;
    private long span;

    public SwfReader(Path path, TraceOptions opts) {
        this.name = "swf:" + TraceFiles.display(path);
        this.opts = opts;
        this.stats = new ReadStats(opts.lenient());
        this.perProc = opts.machineOr(DEFAULT_MACHINE);
        this.start = opts.windowStartMicros();
        this.originSet = start > 0;
        this.lines = new PartReader(TraceFiles.dataFiles(path));
        readHeader();
        addMachines();
    }

    /** The header comments, {@code Key -> value} (continuation lines joined). */
    public Map<String, String> header() { return Map.copyOf(header); }

    private void readHeader() {
        String lastKey = null;
        while (lines.next()) {
            var l = lines.line();
            if (l.isEmptyLine()) continue;
            String text = l.text().trim();
            if (text.isEmpty()) continue;
            if (!text.startsWith(";")) {
                pendingLine = true;
                return;
            }
            String body = text.substring(1).trim();
            int colon = body.indexOf(':');
            if (colon > 0 && !body.substring(0, colon).contains(" ")) {
                lastKey = body.substring(0, colon);
                header.merge(lastKey, body.substring(colon + 1).trim(), (a, b) -> a + " " + b);
            } else if (lastKey != null && !body.isEmpty()) {
                header.merge(lastKey, body, (a, b) -> a + " " + b);
            }
        }
    }

    private void addMachines() {
        long nodes = headerNumber("MaxNodes");
        long procs = headerNumber("MaxProcs");
        if (nodes <= 0 && procs <= 0) return;
        if (nodes <= 0) nodes = procs;
        long perNode = procs > 0 ? Math.max(1, (procs + nodes - 1) / nodes) : 1;
        Resources cap = perProc.times(perNode);
        for (int i = 0; i < nodes; i++) {
            String id = String.format(Locale.ROOT, "swf%04d", i);
            ready.add(new TraceRecord(new WorkloadEvent.MachineUp(0, id, cap, Map.of()), null));
        }
    }

    private long headerNumber(String key) {
        String v = header.get(key);
        if (v == null) return -1;
        try {
            return Long.parseLong(v.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            stats.note("header " + key + " is not a number (ignored)");
            return -1;
        }
    }

    @Override
    public String name() { return name; }

    @Override
    public ReadStats stats() { return stats; }

    @Override
    public long spanMicros() { return span; }

    @Override
    public TraceRecord next() {
        while (ready.isEmpty() && !done) step();
        return ready.poll();
    }

    private void step() {
        while (pendingLine || lines.next()) {
            pendingLine = false;
            var l = lines.line();
            if (l.isEmptyLine()) continue;
            int s = l.start();
            while (s < l.end() && (l.buf()[s] == ' ' || l.buf()[s] == '\t')) s++;
            if (s == l.end() || l.buf()[s] == ';') continue;
            stats.row(SwfJob.TABLE);
            try {
                job.parse(l.buf(), l.start(), l.end());
                if (job.submitMicros < lastSubmit) {
                    throw new RowException("submit_time", "goes back in time", job.submitMicros / 1e6 + " s after " + lastSubmit / 1e6 + " s");
                }
            } catch (RowException e) {
                stats.malformed(SwfJob.TABLE, lines.file(), lines.lineNumber(), e);
                continue;
            }
            lastSubmit = job.submitMicros;
            if (job.submitMicros >= opts.windowEndMicros()) break;
            if (!originSet) {
                // without a window, the replay starts at the first job: cleaned logs begin days into
                // the log (KTH's first kept job is submitted 6.9 days in), and idle days show nothing
                originSet = true;
                start = job.submitMicros;
                if (start > 0) stats.note("replay starts at the first job: its submit time in s", start / 1_000_000);
            }
            if (emit()) return;
        }
        span = Math.max(0, Math.min(lastEvent, opts.windowEndMicros()) - start);
        done = true;
        lines.close();
    }

    /** Adds the replayed job of the current line; false when the line replays nothing. */
    private boolean emit() {
        if (job.status >= 2 && job.status <= 4) {
            stats.note("partial-execution record (status 2-4) not replayed");
            return false;
        }
        if (job.procs <= 0) {
            stats.note("job without a processor count (not replayed)");
            return false;
        }
        long run = job.runMicros;
        if (run < 0) {
            stats.note("run time unknown (replayed as 0)");
            run = 0;
        }
        long wait = job.waitMicros;
        Outcome outcome = switch (job.status) {
            case 1 -> Outcome.FINISHED;
            case 0 -> Outcome.FAILED;
            case 5 -> run == 0 ? Outcome.ENDED_PENDING : Outcome.KILLED;
            default -> Outcome.UNKNOWN;
        };
        long submit = job.submitMicros;
        long began = wait >= 0 ? submit + wait : submit;
        long end = began + run;
        lastEvent = Math.max(lastEvent, end);
        if (end <= start && job.submitMicros < start) {
            stats.note("job ended before the window (not replayed)");
            return false;
        }
        long effSubmit = Math.max(submit, start);
        long effBegan = Math.max(began, start);
        long delay = outcome == Outcome.ENDED_PENDING ? InstanceFacts.NOT_SCHEDULED : wait >= 0 ? effBegan - effSubmit : InstanceFacts.UNKNOWN;
        long duration = end - effBegan;
        long memMiB = job.memKb > 0 ? (job.memKb + 1023) / 1024 : 0;
        Resources req = new Resources(perProc.cpuMillis(), memMiB, 0, 0);
        for (long i = 0; i < job.procs; i++) builder.add(req, duration, delay, outcome);
        String role = opts.roles() == TraceOptions.RoleBy.USER && job.user >= 0 ? "user" + job.user : PriorityBands.band(PriorityBands.BATCH);
        TraceRecord built = builder.build(effSubmit - start, job.number + "." + ++jobsOut, role, JobKind.BATCH, PriorityBands.BATCH);
        ready.add(rigid(built, job.procs, job.requestedMicros));
        return true;
    }

    /** The job with its task group labelled rigid (and with its estimate when the log has one). */
    private static TraceRecord rigid(TraceRecord r, long procs, long requestedMicros) {
        WorkloadEvent.JobArrival a = (WorkloadEvent.JobArrival) r.event();
        JobSpec j = a.job();
        Map<String, String> labels = new TreeMap<>();
        labels.put(RIGID_LABEL, Long.toString(procs));
        if (requestedMicros >= 0) labels.put(ESTIMATE_LABEL, Long.toString((requestedMicros + 999_999) / 1_000_000));
        List<TaskSpec> tasks = new ArrayList<>(j.tasks().size());
        for (TaskSpec t : j.tasks()) tasks.add(t.withLabels(labels));
        JobSpec labelled = j.with(j.id(), tasks);
        return new TraceRecord(new WorkloadEvent.JobArrival(a.atMicros(), labelled), r.facts(), r.traits());
    }

    @Override
    public void close() {
        lines.close();
    }
}
