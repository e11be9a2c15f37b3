package org.mesocosm.policies.omega;

import org.mesocosm.policies.lanes.LaneCosts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.TaskState;

/**
 * Shared-state scheduling (Omega paper §3.4): several schedulers ({@link OmegaLane}s), each with
 * its own queue of jobs, decide in parallel on the whole cell and commit optimistically
 * ({@link Transaction}). This class routes jobs to schedulers, keeps the per-machine change
 * counters the commits validate against, and parks jobs that found no room until a machine
 * frees some (an attempt on a cell that has not changed would find none again).
 *
 * <p>As {@link DecisionPaths} it tells a driver that charges decision time by job kind what each
 * kind's scheduler costs (service jobs: the service scheduler's; others: the batch schedulers').
 */
final class OmegaScheduler implements PlacementPolicy, DecisionPaths {
    private final OmegaSettings settings;
    private final List<OmegaLane> lanes = new ArrayList<>();
    private final OmegaLane service;
    private final List<OmegaLane> batch = new ArrayList<>();
    /** Looked up by id only, never iterated. */
    private final Map<String, OmegaJob> jobs = new HashMap<>();
    /** Jobs waiting for room, in the order they were parked (iteration is insertion order). */
    private final LinkedHashSet<OmegaJob> parked = new LinkedHashSet<>();
    private final MachineVersions versions = new MachineVersions();
    private PlacementContext ctx;
    private boolean pumpScheduled;
    private long roundRobin;

    /** @param runSeed the run's seed: each lane's placement stream derives from it unless {@code seed=} was given */
    OmegaScheduler(OmegaSettings settings, long runSeed) {
        this.settings = settings;
        OmegaLane s = null;
        for (String name : settings.laneNames()) {
            OmegaLane l = new OmegaLane(name, settings.costsOf(name), this, settings.laneSeed(name, runSeed));
            lanes.add(l);
            if (name.equals(OmegaSettings.SERVICE)) s = l;
            else batch.add(l);
        }
        this.service = s;
    }

    @Override public String name() { return "omega"; }

    @Override
    public void init(PlacementContext c) {
        this.ctx = c;
        for (OmegaLane l : lanes) l.init(c);
    }

    PlacementContext ctx() { return ctx; }

    MachineVersions versions() { return versions; }

    OmegaSettings settings() { return settings; }

    List<OmegaLane> lanes() { return lanes; }

    // ---- what the master tells the policy ----

    @Override
    public void taskPending(Task task) {
        OmegaJob j = jobs.computeIfAbsent(task.jobId(), id -> new OmegaJob(id, route(task)));
        j.tasks.add(task);
        if (j.parked) {
            parked.remove(j);
            j.parked = false;
        }
        j.lane.enqueue(j);
        // not at once: the job's other tasks become pending in the same input, and an attempt takes the whole job
        if (!pumpScheduled) {
            pumpScheduled = true;
            ctx.schedule(0, this::pumpAll);
        }
    }

    @Override
    public void taskWithdrawn(Task task) {
        OmegaJob j = jobs.get(task.jobId());
        if (j == null || !j.tasks.remove(task) || !j.tasks.isEmpty()) return;
        forget(j); // a queued empty job is skipped at its turn; an attempt in flight skips the withdrawn task's claim
    }

    @Override
    public void taskLaunched(Task task) { versions.changed(task.agent()); }

    @Override
    public void taskReleased(Task task) {
        versions.changed(task.agent());
        unpark(task.agent());
    }

    @Override
    public void agentAdded(Agent agent) {
        versions.changed(agent);
        unpark(agent);
    }

    @Override
    public void agentFreed(Agent agent) {
        versions.changed(agent);
        unpark(agent);
    }

    @Override public void agentRemoved(Agent agent) { versions.changed(agent); }

    // ---- routing, parking ----

    /** Service jobs to the service scheduler; everything else to a batch scheduler (by hash of the job id or in turn). */
    private OmegaLane route(Task t) {
        if (batch.isEmpty() || (t.kind() == JobKind.SERVICE && service != null)) return service;
        if (batch.size() == 1) return batch.get(0);
        int k = settings.split() == OmegaSettings.Split.HASH
                ? Math.floorMod(t.jobId().hashCode(), batch.size())
                : (int) (roundRobin++ % batch.size());
        return batch.get(k);
    }

    private void pumpAll() {
        pumpScheduled = false;
        for (OmegaLane l : lanes) l.pump();
    }

    /** After an attempt's commit: done, retry from a fresh snapshot (conflict), or wait for room. */
    void afterAttempt(OmegaJob j, boolean conflicted, boolean unplaced) {
        j.tasks.removeIf(t -> t.state() != TaskState.PENDING);
        if (j.tasks.isEmpty()) {
            forget(j);
        } else if (conflicted || !unplaced) {
            j.lane.enqueue(j); // a conflict, or tasks that arrived while it was being decided: try again at the tail
        } else if (!j.queued && !j.parked) {
            j.parked = true;
            parked.add(j);
        }
    }

    private void forget(OmegaJob j) {
        if (jobs.get(j.id) == j) jobs.remove(j.id);
        if (j.parked) parked.remove(j);
        j.parked = false;
    }

    /** Parked jobs whose first left-over task fits the machine that has room now queue again. */
    private void unpark(Agent agent) {
        if (parked.isEmpty() || agent == null || !agent.isUp()) return;
        List<OmegaJob> ready = new ArrayList<>();
        for (OmegaJob j : parked) if (fits(j.tasks.get(0), agent)) ready.add(j);
        if (ready.isEmpty()) return;
        for (OmegaJob j : ready) {
            parked.remove(j);
            j.parked = false;
            j.lane.enqueue(j);
        }
        if (!pumpScheduled) {
            pumpScheduled = true;
            ctx.schedule(0, this::pumpAll);
        }
    }

    private static boolean fits(Task t, Agent a) {
        return a.free().fits(t.request()) && Cluster.matches(a, t.spec().nodeSelector()) && (t.gpu().none() || a.gpuFits(t.gpu()));
    }

    // ---- for people and metrics ----

    @Override
    public String whyPending(Task task) {
        OmegaJob j = jobs.get(task.jobId());
        if (j == null) return null;
        String who = "omega scheduler '" + j.lane.name + "': ";
        if (j.deciding && j.conflicted) return who + "its job's last transaction conflicted at commit; the retry on a fresh snapshot is being decided";
        if (j.deciding) return who + "its job is being decided; the claims commit when the scheduler's decision time has passed";
        if (j.parked) return who + "at its job's last attempt no machine had room for it (resources, node selector, GPUs)";
        if (j.conflicted) return who + "its job's last transaction conflicted at commit; it retries from a fresh snapshot";
        if (j.queued) return who + "its job waits in the scheduler's queue (" + j.lane.queued() + " jobs queued)";
        return null;
    }

    @Override
    public List<PolicyMetric> metrics() {
        List<PolicyMetric> out = new ArrayList<>();
        for (OmegaLane l : lanes) {
            String p = "mesocosm_omega_" + l.name.replace('-', '_') + "_";
            out.add(PolicyMetric.counter(p + "transactions_total", "transactions the " + l.name + " scheduler tried to commit", l.transactions));
            out.add(PolicyMetric.counter(p + "conflicts_total", "transactions of the " + l.name + " scheduler in which a claim conflicted",
                    l.conflicts));
            out.add(PolicyMetric.counter(p + "claims_committed_total", "task claims the " + l.name + " scheduler committed", l.claimsCommitted));
            out.add(PolicyMetric.counter(p + "claims_conflicted_total", "task claims of the " + l.name + " scheduler that failed at commit",
                    l.claimsConflicted));
            out.add(PolicyMetric.counter(p + "attempts_total", "scheduling attempts of the " + l.name + " scheduler (with or without claims)",
                    l.attempts));
            out.add(PolicyMetric.gauge(p + "queued_jobs", "jobs in the " + l.name + " scheduler's queue", l.queued()));
        }
        out.add(PolicyMetric.gauge("mesocosm_omega_parked_jobs", "jobs waiting for a machine with room", parked.size()));
        return out;
    }

    @Override
    public long jobMicros(JobKind kind) { return costsOf(kind).jobMicros(kind); }

    @Override
    public long taskMicros(JobKind kind) { return costsOf(kind).taskMicros(kind); }

    @Override
    public boolean hasPaths() { return settings.serviceCosts().hasPaths() || settings.batchCosts().hasPaths(); }

    private LaneCosts costsOf(JobKind kind) {
        boolean toService = service != null && (batch.isEmpty() || kind == JobKind.SERVICE);
        return toService ? settings.serviceCosts() : settings.batchCosts();
    }
}
