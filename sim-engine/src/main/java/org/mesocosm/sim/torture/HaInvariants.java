package org.mesocosm.sim.torture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.log.EventLogDigest;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskState;

/**
 * The invariants of replication, on top of the single master's ({@link InvariantChecker}, whose first violation
 * this shares):
 * <ul>
 * <li>at most one master acts (sends a launch or a kill, answers a client) per term;</li>
 * <li>the applied prefixes of all replicas are the same: the digest of entries 1..i is one value whoever applied it;</li>
 * <li>every acknowledged submission exists on every replica that has applied past the entry it was acknowledged at;</li>
 * <li>no task instance runs on two agents at once unless some master wrote the older copy off (lost with its agent,
 * or missing from its agent's report): a new leader that never heard of a launch would start the instance again.</li>
 * </ul>
 */
final class HaInvariants {
    private final InvariantChecker base;
    private final EventLogDigest digest;
    private final Map<Long, Integer> actorOfTerm = new HashMap<>();
    private final List<Long> prefixDigests = new ArrayList<>();
    /** Acknowledged submissions: job id to the log index its acknowledgement covered. */
    private final Map<String, Long> ackedAt = new LinkedHashMap<>();
    /** Tasks some master ended (lost, killed, finished...): a copy of them may still run somewhere. */
    private final Set<String> writtenOff = new HashSet<>();
    private final PipelineWatch[] pipelines;

    HaInvariants(InvariantChecker base, EventLogDigest digest, int replicas) {
        this.base = base;
        this.digest = digest;
        this.pipelines = new PipelineWatch[replicas];
    }

    /** The observer of a new master process of {@code replica}: its own pipeline watch, and the tasks it ends. */
    MasterObserver observerFor(int replica) {
        PipelineWatch w = pipelines[replica];
        if (w != null && w.violation() != null) base.fail("m" + (replica + 1) + ": " + w.violation());
        PipelineWatch fresh = new PipelineWatch();
        pipelines[replica] = fresh;
        return new MasterObserver() {
            @Override
            public void jobSubmitted(long now, JobSpec job) { fresh.jobSubmitted(now, job); }

            @Override
            public void taskPlaced(long now, Task t) { fresh.taskPlaced(now, t); }

            @Override
            public void taskStateChanged(long now, Task t, TaskState from) {
                fresh.taskStateChanged(now, t, from);
                if (t.state().isTerminal()) writtenOff.add(t.id());
            }
        };
    }

    /** Master {@code replica}, leading {@code term}, acts: a second master acting in that term is split brain. */
    void acted(long term, int replica, Object what) {
        Integer first = actorOfTerm.putIfAbsent(term, replica);
        if (first != null && first != replica) {
            base.fail("two masters acted in term " + term + ": m" + (first + 1) + " and m" + (replica + 1) + " (" + what + ")");
        }
    }

    /** A replica applied entry {@code index}; the first to apply an index fixes what every other must have applied. */
    void applied(int replica, long index, long prefixDigest, RaftLog.Entry e) {
        if (index <= prefixDigests.size()) {
            long want = prefixDigests.get((int) index - 1);
            if (want != prefixDigest) {
                base.fail("replicas' applied logs differ: m" + (replica + 1) + " applied " + e + " as entry " + index
                        + " and its prefix digest differs from the one another replica applied");
            }
            return;
        }
        if (index != prefixDigests.size() + 1) throw new IllegalStateException("entry " + index + " applied before " + (prefixDigests.size() + 1));
        prefixDigests.add(prefixDigest);
        if (e.input() != null) digest.input(e.at(), e.input());
    }

    void submissionAcked(String jobId, long index) {
        ackedAt.putIfAbsent(jobId, index);
    }

    boolean acked(String jobId) { return ackedAt.containsKey(jobId); }

    /** How many submissions were acknowledged so far. */
    long ackCount() { return ackedAt.size(); }

    /** After an event, on a master that is up (acting or standby) and has applied {@code applied} entries. */
    void checkReplica(int replica, Master m, long applied) {
        if (base.failed()) return;
        PipelineWatch w = pipelines[replica];
        if (w != null && w.violation() != null) {
            base.fail("m" + (replica + 1) + ": " + w.violation());
            return;
        }
        for (Map.Entry<String, Long> a : ackedAt.entrySet()) {
            if (a.getValue() <= applied && !m.hasJob(a.getKey())) {
                base.fail("job " + a.getKey() + " was acknowledged at log index " + a.getValue() + " but m" + (replica + 1) + ", which applied "
                        + applied + " entries, does not know it");
                return;
            }
        }
        base.masterViewConsistent(m);
    }

    /** A launch reaches an agent: no other agent may run the same instance unless a master wrote that copy off. */
    void launchArrives(TortureAgent a, Command.Launch l, List<TortureAgent> all) {
        String instance = instanceOf(l.taskId());
        for (TortureAgent b : all) {
            if (b == a) continue;
            for (String other : b.running.keySet()) {
                if (!other.equals(l.taskId()) && instanceOf(other).equals(instance) && !writtenOff.contains(other)) {
                    base.fail("instance " + instance + " would run twice at once: " + l.taskId() + " launched on " + a.id + " while " + other
                            + ", which no master ever ended, runs on " + b.id);
                    return;
                }
            }
        }
    }

    /** A task id is job.task.instance.attempt: the instance is all but the attempt. */
    private static String instanceOf(String taskId) {
        return taskId.substring(0, taskId.lastIndexOf('.'));
    }
}
