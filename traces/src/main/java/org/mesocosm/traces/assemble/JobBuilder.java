package org.mesocosm.traces.assemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.WorkloadEvent;
import org.mesocosm.traces.InstanceFacts;
import org.mesocosm.traces.Outcome;
import org.mesocosm.traces.TaskTraits;
import org.mesocosm.traces.TraceRecord;

/**
 * Turns the instances of one replayed job into a {@link JobSpec}: instances with the same request
 * become one task group ({@code t0}, {@code t1}, ... in order of first appearance), each instance
 * keeping its own recorded run time (SimProfile holds one duration per instance). Instances are
 * never failed at random: the trace's own resubmissions are its retries, so maxRetries is 0.
 */
public final class JobBuilder {
    private record Key(Resources request, List<String> constraints) {}

    private static final class Group {
        final Key key;
        final List<long[]> rows = new ArrayList<>(); // {duration, delay, outcome}
        long cpuUsed;
        long memUsed;
        int measured;

        Group(Key key) {
            this.key = key;
        }
    }

    private final Map<Key, Group> groups = new LinkedHashMap<>();
    private int count;

    public void add(Resources request, long durationMicros, long delayMicros, Outcome outcome) {
        add(request, TaskTraits.NONE, durationMicros, delayMicros, outcome);
    }

    /**
     * Instances with the same request but different constraints go to different groups. Measured
     * usage does not split groups (every instance measures differently): a group's usage is the
     * mean over its instances that have one.
     */
    public void add(Resources request, TaskTraits traits, long durationMicros, long delayMicros, Outcome outcome) {
        Group g = groups.computeIfAbsent(new Key(request, traits.constraints()), Group::new);
        g.rows.add(new long[] {durationMicros, delayMicros, outcome.ordinal()});
        if (traits.usage() != null) {
            g.cpuUsed += traits.usage().cpuMillis();
            g.memUsed += traits.usage().memMiB();
            g.measured++;
        }
        count++;
    }

    public int size() { return count; }

    public boolean isEmpty() { return count == 0; }

    /** The job arrival at {@code atMicros}, with its facts; the builder is cleared. */
    public TraceRecord build(long atMicros, String id, String role, JobKind kind, int priority) {
        List<TaskSpec> tasks = new ArrayList<>(groups.size());
        List<TaskTraits> traits = new ArrayList<>(groups.size());
        boolean anyTraits = false;
        long[] delays = new long[count];
        byte[] outcomes = new byte[count];
        int k = 0;
        int g = 0;
        for (Group grp : groups.values()) {
            int n = grp.rows.size();
            long[] durations = new long[n];
            boolean same = true;
            for (int i = 0; i < n; i++) {
                long[] r = grp.rows.get(i);
                durations[i] = r[0];
                same &= r[0] == durations[0];
                delays[k] = r[1];
                outcomes[k] = (byte) r[2];
                k++;
            }
            SimProfile sim = new SimProfile(same ? new long[] {durations[0]} : durations, 0);
            tasks.add(TaskSpec.simulated("t" + g++, n, grp.key.request(), sim));
            Resources usage = grp.measured == 0 ? null
                    : new Resources(Math.round((double) grp.cpuUsed / grp.measured), Math.round((double) grp.memUsed / grp.measured), 0, 0);
            TaskTraits t = grp.key.constraints().isEmpty() && usage == null ? TaskTraits.NONE : new TaskTraits(grp.key.constraints(), usage);
            traits.add(t);
            anyTraits |= !t.isNone();
        }
        groups.clear();
        count = 0;
        JobSpec job = new JobSpec(id, role, kind, priority, tasks, 0);
        return new TraceRecord(new WorkloadEvent.JobArrival(atMicros, job), new InstanceFacts(delays, outcomes), anyTraits ? traits : null);
    }
}
