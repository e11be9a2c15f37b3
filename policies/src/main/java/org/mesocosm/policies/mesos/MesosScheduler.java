package org.mesocosm.policies.mesos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.policies.drf.DrfSorter;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.master.SchedulerLane;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.offer.AllocatorConfig;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.spec.SpecError;

/**
 * Two-level scheduling with several frameworks (the Omega paper's Mesos; "Kubernetes on Mesos"):
 * the DRF offer allocator, on a lane of its own ({@code allocator}: each offer round is one of its
 * decisions), offers to the frameworks, which decide in parallel, each on its own lane, holding
 * their offers while they do (see {@link MesosFramework}). A job goes to the framework its spec
 * names ({@code framework}), else by kind: services to {@code marathon}, the rest to {@code jobs}.
 *
 * <p>A job's wait is the allocator's lane's until a framework's decision tries it, then that
 * framework's; one its framework's decision tried and left unplaced waits on the allocator's again
 * ({@link SchedulerLane#waitsHere}): summary.json's per-lane waits say where the time went.
 */
final class MesosScheduler implements PlacementPolicy {
    private final String name;
    private final MesosParams params;
    private final OfferAllocator allocator;
    /** In the order of {@code frameworks=}. */
    private final Map<String, MesosFramework> frameworks = new LinkedHashMap<>();
    private PlacementContext ctx;
    private SchedulerLane allocatorLane;
    private boolean roundQueued;

    MesosScheduler(String name, MesosParams params) {
        this.name = name;
        this.params = params;
        this.allocator = new OfferAllocator(name, params.offers(), DrfSorter::new, AllocatorConfig.NONE);
    }

    @Override public String name() { return name; }

    OfferAllocator allocator() { return allocator; }

    MesosFramework framework(String name) { return frameworks.get(name); }

    @Override
    public void init(PlacementContext c) {
        this.ctx = c;
        allocator.init(c);
        allocatorLane = c.lane(MesosParams.ALLOCATOR, params.costs().get(MesosParams.ALLOCATOR));
        allocatorLane.decidesAtCommit(); // its commit is the offer round
        for (String f : params.frameworks()) {
            MesosFramework fw = switch (f) {
                case "marathon" -> new QueueLaneFramework(f, true, params.offers(), c.cluster());
                case "jobs" -> new QueueLaneFramework(f, false, params.offers(), c.cluster());
                case "k8s" -> new K8sFramework(f, params.offers());
                case "spark" -> new SparkFramework(f, params.sparkIdleMicros());
                default -> throw new IllegalStateException("no framework '" + f + "'");
            };
            fw.start(c, allocator, c.lane(f, params.costs().get(f)), allocatorLane);
            allocator.register(fw);
            frameworks.put(f, fw);
        }
        allocator.routeBy(this::frameworkOf);
        allocator.gateRounds(this::roundOnLane);
    }

    /** One offer round is one decision of the allocator: t_job (and t_task for one task, the round's) per round. */
    private void roundOnLane(Runnable round) {
        if (roundQueued) return; // the queued round will see whatever this request was for
        roundQueued = true;
        allocatorLane.submit(() -> {
            roundQueued = false;
            for (MesosFramework f : frameworks.values()) {
                Task t = f.hasDemand() ? f.anyPending() : null;
                if (t != null) {
                    ctx.considering(t);
                    break;
                }
            }
            return round;
        }, Runnable::run);
    }

    /** The framework a job's tasks go to: the one its spec names, else by kind. */
    static String frameworkName(String named, JobKind kind) {
        if (named != null) return named;
        return kind == JobKind.SERVICE ? "marathon" : "jobs";
    }

    private MesosFramework frameworkOf(Task t) {
        MesosFramework f = frameworks.get(frameworkName(t.framework(), t.kind()));
        if (f == null) throw new IllegalArgumentException(refusal(t.jobId(), t.framework(), t.kind()));
        return f;
    }

    private String refusal(String jobId, String named, JobKind kind) {
        String f = frameworkName(named, kind);
        return "job '" + jobId + "': framework: '" + f + "'" + (named == null ? " (the default for a " + kind.name().toLowerCase() + " job)" : "")
                + " is not run by this master (" + name + ":frameworks=" + String.join(",", params.frameworks()) + ")";
    }

    @Override
    public void admit(JobSpec job) {
        if (!frameworks.containsKey(frameworkName(job.framework(), job.kind()))) {
            throw new SpecError("framework", refusal(job.id(), job.framework(), job.kind()));
        }
    }

    @Override
    public void taskPending(Task task) {
        frameworkOf(task); // a job for a framework this master does not run stops here, naming the field
        allocator.taskPending(task);
        allocatorLane.waitsHere(task); // it waits for an offer round first: the allocator's share of its wait
    }

    @Override public void taskWithdrawn(Task task) { allocator.taskWithdrawn(task); }

    @Override
    public void taskLaunched(Task task) {
        allocator.taskLaunched(task);
        frameworkOf(task).taskLaunched(task);
    }

    @Override
    public void taskReleased(Task task) {
        allocator.taskReleased(task);
        MesosFramework owner = frameworkOf(task);
        for (MesosFramework f : frameworks.values()) if (f != owner) f.resourcesFreed(task.agent());
    }

    @Override
    public void agentAdded(Agent agent) {
        allocator.agentAdded(agent);
        for (MesosFramework f : frameworks.values()) f.agentAdded(agent);
    }

    @Override
    public void agentFreed(Agent agent) {
        allocator.agentFreed(agent);
        for (MesosFramework f : frameworks.values()) f.resourcesFreed(agent);
    }

    @Override
    public void agentRemoved(Agent agent) {
        allocator.agentRemoved(agent);
        for (MesosFramework f : frameworks.values()) f.agentRemoved(agent);
    }

    @Override
    public String whyPending(Task task) {
        MesosFramework f = frameworks.get(frameworkName(task.framework(), task.kind()));
        return f == null ? null : f.whyPending(task);
    }

    @Override
    public List<PolicyMetric> metrics() {
        List<PolicyMetric> out = new ArrayList<>(allocator.metrics());
        for (MesosFramework f : frameworks.values()) {
            String p = "mesocosm_mesos_" + f.name + "_";
            out.add(PolicyMetric.counter(p + "offers_total", "Offers made to the " + f.name + " framework.", f.offersReceived));
            out.add(PolicyMetric.counter(p + "offers_declined_total", "Offers the " + f.name + " framework declined whole or in part.",
                    f.offersDeclined));
            out.add(PolicyMetric.counter(p + "offer_held_micros_total", "Time the " + f.name
                    + " framework held its offers before answering, summed over offers (microseconds).", f.heldMicros));
            out.add(PolicyMetric.counter(p + "decisions_total", "Decisions the " + f.name + " framework made on its lane.", f.decisions));
        }
        return out;
    }
}
