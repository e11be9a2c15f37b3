package org.mesocosm.runtime.master;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.gpu.GpuDevices;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

/**
 * The master: a single-threaded, deterministic state machine. Inputs come in through
 * {@link #handle}; commands go out through the {@link CommandSink}. It owns the cluster view, the
 * task lifecycle and the job controllers; where tasks go is the {@link PlacementPolicy}'s call.
 * No clocks, threads or I/O here: the same code runs in simulation and in production.
 */
public final class Master {
    private final MasterConfig config;
    private final PlacementPolicy policy;
    private final CommandSink sink;
    private final MasterObserver observer;
    private final Cluster cluster = new Cluster();
    /** Jobs that have not ended; an ended job leaves for {@link #finished}, so a long run's heap holds only live work. */
    private final Map<String, JobController> jobs = new LinkedHashMap<>();
    private final FinishedJobs finished = new FinishedJobs();
    /** Tasks not yet terminal, by id and by job. */
    private final LiveTasks liveTasks = new LiveTasks();
    /** Pending tasks that fit no agent; re-examined when the cluster changes. */
    private final List<Task> unschedulable = new ArrayList<>();
    private final Map<Long, Runnable> timers = new HashMap<>();
    /**
     * Tasks declared LOST because their agent was given up on, by id, until that agent reports
     * again: if it still runs one, the task is an orphan whose resources stay held until it is killed.
     */
    private final Map<String, Task> lostWithAgent = new LinkedHashMap<>();
    private final Controllers controllers = new Controllers();
    private final Placement placement = new Placement();
    private long nextTimerId = 1;
    private long nextTaskSeq;
    private long now;
    private int unfinishedFiniteJobs;
    private long tasksCreated;
    private long unschedulableCheckedAt = -1;

    public Master(MasterConfig config, PlacementPolicy policy, CommandSink sink, MasterObserver observer) {
        this.config = config;
        this.policy = policy;
        this.sink = sink;
        this.observer = observer;
        cluster.setOvercommitPercent(policy.overcommitPercent());
        policy.init(placement);
    }

    public Cluster cluster() { return cluster; }

    public PlacementPolicy policy() { return policy; }

    /** Jobs that must run to completion and have not ended yet. */
    public int unfinishedFiniteJobs() { return unfinishedFiniteJobs; }

    public long tasksCreated() { return tasksCreated; }

    /** Every task not yet in a terminal state (pending, unschedulable, staging, running). */
    public Iterable<Task> liveTasks() { return liveTasks.all(); }

    public int liveTaskCount() { return liveTasks.size(); }

    public Task task(String id) { return liveTasks.get(id); }

    /**
     * Why {@code t} waits for an agent (see {@link PendingReason}), or null if it is not pending.
     * The policy's record of its last attempt (if it keeps one) comes first, then the master's own
     * explanation from its state now.
     */
    public String whyPending(Task t) {
        if (t.state() != org.mesocosm.runtime.model.TaskState.PENDING) return null;
        String now = PendingReason.explain(t, cluster);
        String last = t.isUnschedulable() ? null : policy.whyPending(t);
        // the policy's words say which of its checks failed; the master's add the numbers (and whether it fits by now)
        return last == null ? now : "last attempt: " + last + "; now: " + now;
    }

    /** True for every job ever submitted, live or ended. */
    public boolean hasJob(String jobId) { return jobs.containsKey(jobId) || finished.contains(jobId); }

    /** How an ended job ended; null while it runs or if there is no such job. */
    public JobOutcome jobOutcome(String jobId) { return jobs.containsKey(jobId) ? null : finished.outcome(jobId); }

    /** Jobs submitted and not yet ended (controllers held). */
    public int liveJobCount() { return jobs.size(); }

    /** Jobs that have ended with the given outcome. */
    public long endedJobCount(JobOutcome outcome) { return finished.count(outcome); }

    /** Handles one input at time {@code at}; time must not go backwards. */
    public void handle(long at, Input input) {
        if (at < now) throw new IllegalArgumentException("time went backwards: " + at + " < " + now);
        now = at;
        if (input instanceof Input.TaskStatus s) {
            onTaskStatus(s);
        } else if (input instanceof Input.TimerFired t) {
            Runnable r = timers.remove(t.timerId());
            if (r != null) r.run();
        } else if (input instanceof Input.JobSubmitted j) {
            onJobSubmitted(j.job());
        } else if (input instanceof Input.AgentAdded a) {
            onAgentAdded(a);
        } else if (input instanceof Input.AgentRemoved r) {
            onAgentRemoved(r);
        } else if (input instanceof Input.JobKillRequested k) {
            onKill(k.jobId());
        } else if (input instanceof Input.JobScaled s) {
            onScale(s);
        } else if (input instanceof Input.AgentReregistered r) {
            onAgentReregistered(r);
        } else {
            throw new IllegalArgumentException("unexpected input " + input);
        }
    }

    private void onJobSubmitted(JobSpec spec) {
        if (hasJob(spec.id())) throw new IllegalArgumentException("duplicate job id " + spec.id());
        JobController c = switch (spec.kind()) {
            case SERVICE -> new ServiceController(spec);
            case BATCH, PIPELINE -> new RunToCompletionController(spec);
            case CRON -> new CronController(spec);
        };
        startJob(c);
    }

    private void startJob(JobController c) {
        if (hasJob(c.spec().id())) throw new IllegalArgumentException("duplicate job id " + c.spec().id());
        jobs.put(c.spec().id(), c);
        if (!c.isLongRunning()) unfinishedFiniteJobs++;
        observer.jobSubmitted(now, c.spec());
        c.start(controllers);
    }

    private void onScale(Input.JobScaled s) {
        JobController c = jobs.get(s.jobId());
        if (c == null && finished.contains(s.jobId())) return; // ended (a service ends only when killed): nothing to scale
        if (c == null) throw new IllegalArgumentException("no job " + s.jobId() + " to scale");
        c.scale(controllers, s.taskName(), s.instances());
    }

    /**
     * An agent that comes back with tasks: reconcile what it runs with what the master expects.
     * If the master had given it up, everything it reports was already declared LOST and replaced,
     * so all of it is killed; if it changed shape, it is treated as lost and then added anew.
     */
    private void onAgentReregistered(Input.AgentReregistered r) {
        Agent agent = cluster.agent(r.agentId());
        if (agent != null && agent.isUp() && !(agent.total().equals(r.total()) && agent.attributes().equals(Agent.withHostname(r.agentId(), r.attributes())))) {
            onAgentRemoved(new Input.AgentRemoved(r.agentId(), "re-registered with other resources or attributes"));
        }
        boolean readded = agent == null || !agent.isUp();
        Agent a = readded ? cluster.register(r.agentId(), r.total(), r.attributes()) : agent;
        Set<String> reported = new HashSet<>(r.runningTaskIds());
        // before the policy hears of the agent: what its orphans hold is not free
        for (String id : r.runningTaskIds()) {
            Task lost = lostWithAgent.get(id);
            if (lost != null && lost.agent() == a && !liveTasks.contains(id)) a.holdOrphan(id, lost.request());
        }
        boolean freed = false;
        for (String id : a.orphanIds()) {
            if (!reported.contains(id)) freed |= a.releaseOrphan(id);
        }
        lostWithAgent.values().removeIf(t -> t.agent() == a && !reported.contains(t.id()));
        if (readded) announceAgent(a);
        else if (freed) policy.agentFreed(a);
        List<Task> missing = new ArrayList<>();
        for (Task t : a.tasks()) {
            // a launch may still be on its way, or the report may be older than the launch's arrival
            boolean recent = now - t.placedAt() < config.reconcileGraceMicros();
            if (!reported.contains(t.id()) && !recent) missing.add(t);
        }
        for (Task t : missing) endActive(t, TaskState.LOST, -1, "agent re-registered without it");
        for (Task t : missing) t.job().taskEnded(controllers, t);
        for (String id : r.runningTaskIds()) {
            Task t = liveTasks.get(id);
            if (t == null || t.agent() != a || t.isKillRequested()) {
                sink.emit(now, new Command.Kill(a.id(), id));
            } else if (t.state() == TaskState.STAGING) {
                t.running(now);
                observer.taskStateChanged(now, t, TaskState.STAGING);
            }
        }
    }

    private void onAgentAdded(Input.AgentAdded a) {
        Agent agent = cluster.register(a.agentId(), a.total(), a.attributes());
        // a fresh registration runs nothing: the tasks lost with its earlier life will never report
        lostWithAgent.values().removeIf(t -> t.agent() == agent);
        announceAgent(agent);
    }

    private void announceAgent(Agent agent) {
        observer.agentUp(now, agent);
        policy.agentAdded(agent);
        recheckUnschedulable();
    }

    private void onAgentRemoved(Input.AgentRemoved r) {
        Agent agent = cluster.agent(r.agentId());
        if (agent == null || !agent.isUp()) return;
        List<Task> lost = new ArrayList<>(agent.tasks());
        for (Task t : lost) lostWithAgent.put(t.id(), t);
        for (Task t : lost) endActive(t, TaskState.LOST, -1, "agent lost: " + r.reason());
        // a policy told of the room those tasks freed may have placed new work on this very agent
        // while it was still up: that work is lost with it too (found by fuzzing the live API)
        List<Task> late = new ArrayList<>(agent.tasks());
        cluster.markDown(agent);
        for (Task t : late) lostWithAgent.put(t.id(), t);
        for (Task t : late) endActive(t, TaskState.LOST, -1, "agent lost: " + r.reason());
        lost.addAll(late);
        observer.agentDown(now, agent);
        policy.agentRemoved(agent);
        for (Task t : lost) t.job().taskEnded(controllers, t);
    }

    /** Tasks given up with their agent that may still report from it (for tests: must not grow without bound). */
    int lostWithAgentCount() { return lostWithAgent.size(); }

    private void onTaskStatus(Input.TaskStatus s) {
        Task t = liveTasks.get(s.taskId());
        if (t == null && s.state().isTerminal()) orphanEnded(s.taskId());
        if (t == null || !t.state().isActive()) return; // stale: the task already ended (e.g. lost with its agent)
        if (s.state() == TaskState.RUNNING) {
            if (t.state() == TaskState.STAGING) {
                t.running(now);
                observer.taskStateChanged(now, t, TaskState.STAGING);
            }
            return;
        }
        if (!s.state().isTerminal() || s.state() == TaskState.DISCONTINUED) {
            throw new IllegalArgumentException("agent reported state " + s.state() + " for " + s.taskId());
        }
        // a kill the master asked for to make room for a more important task is recorded as such,
        // unless the machine killed it out of memory before that kill arrived (what really ended it)
        boolean oom = s.state() == TaskState.KILLED && Task.OOM_KILLED.equals(s.message());
        String reason = s.state() == TaskState.KILLED && t.isPreempted() && !oom ? Task.PREEMPTED : s.message();
        endActive(t, s.state(), s.exitCode(), reason);
        t.job().taskEnded(controllers, t);
    }

    /** A task given up for lost has really ended on its agent: what it held is free now. */
    private void orphanEnded(String taskId) {
        Task lost = lostWithAgent.remove(taskId);
        if (lost != null && lost.agent().isUp() && lost.agent().releaseOrphan(taskId)) policy.agentFreed(lost.agent());
    }

    private void onKill(String jobId) {
        JobController c = jobs.get(jobId);
        if (c == null || c.isEnded() || c.isKilled()) return;
        c.markKilled();
        c.killed(controllers);
        List<Task> mine = LiveTasks.of(c); // in creation (seq) order, as kill commands have always gone out
        for (Task t : mine) killTask(t, "job killed");
        if (c.isLongRunning() && mine.stream().allMatch(t -> t.state().isTerminal())) controllers.jobEnded(c, false);
    }

    private void killTask(Task t, String reason) {
        if (t.state() == TaskState.PENDING) {
            if (t.isUnschedulable()) unschedulable.remove(t);
            else policy.taskWithdrawn(t);
            endTask(t, TaskState.KILLED, -1, reason, t.state());
            t.job().taskEnded(controllers, t);
        } else if (t.state().isActive()) {
            t.setKillRequested();
            sink.emit(now, new Command.Kill(t.agent().id(), t.id()));
        }
    }

    /** Ends a task that holds resources on an agent, and gives them back. */
    private void endActive(Task t, TaskState terminal, int exitCode, String reason) {
        TaskState from = t.state();
        t.agent().release(t);
        endTask(t, terminal, exitCode, reason, from);
        policy.taskReleased(t);
        JobController c = t.job();
        if (c.isKilled() && c.isLongRunning() && LiveTasks.noneOf(c)) controllers.jobEnded(c, false);
    }

    private void endTask(Task t, TaskState terminal, int exitCode, String reason, TaskState from) {
        t.end(terminal, now, exitCode, reason);
        liveTasks.remove(t);
        observer.taskStateChanged(now, t, from);
    }

    private void recheckUnschedulable() {
        if (unschedulable.isEmpty() || unschedulableCheckedAt == cluster.version()) return;
        unschedulableCheckedAt = cluster.version();
        List<Task> stillStuck = new ArrayList<>();
        for (Task t : unschedulable) {
            if (cluster.couldEverFit(t.request(), t.spec().nodeSelector(), t.gpu())) {
                t.setUnschedulable(false);
                policy.taskPending(t);
            } else {
                stillStuck.add(t);
            }
        }
        unschedulable.clear();
        unschedulable.addAll(stillStuck);
    }

    private long addTimer(long delayMicros, Runnable action) {
        if (delayMicros < 0) throw new IllegalArgumentException("negative delay " + delayMicros);
        long id = nextTimerId++;
        timers.put(id, action);
        sink.emit(now, new Command.ScheduleTimer(now + delayMicros, id));
        return id;
    }

    /** The master as seen by job controllers. */
    private final class Controllers implements JobController.JobContext {
        @Override
        public long now() { return now; }

        @Override
        public Task createTask(JobController job, TaskSpec spec, int instance, int attempt) {
            Task t = new Task(nextTaskSeq++, job, spec, instance, attempt, now);
            tasksCreated++;
            liveTasks.add(t);
            observer.taskCreated(now, t);
            if (cluster.couldEverFit(t.request(), spec.nodeSelector(), spec.gpu())) {
                policy.taskPending(t);
            } else {
                t.setUnschedulable(true);
                unschedulable.add(t);
                observer.taskUnschedulable(now, t, "no agent can ever fit " + t.request()
                        + (spec.nodeSelector().isEmpty() ? "" : " with selector " + spec.nodeSelector()));
            }
            return t;
        }

        @Override
        public void createDiscontinued(JobController job, TaskSpec spec, int instance) {
            Task t = new Task(nextTaskSeq++, job, spec, instance, 0, now);
            tasksCreated++;
            observer.taskCreated(now, t);
            t.end(TaskState.DISCONTINUED, now, -1, "a task it depends on failed");
            observer.taskStateChanged(now, t, TaskState.PENDING);
        }

        @Override
        public void after(long delayMicros, Runnable action) { addTimer(delayMicros, action); }

        @Override
        public void jobEnded(JobController job, boolean succeeded) {
            if (!job.markEnded()) return;
            if (!job.isLongRunning()) unfinishedFiniteJobs--;
            observer.jobEnded(now, job.spec(), succeeded);
            if (job.owner() != null) job.owner().childEnded(this, job, succeeded);
            // its tasks are all terminal and reported: keep only the outcome
            jobs.remove(job.spec().id());
            finished.add(job.spec().id(), succeeded ? JobOutcome.SUCCEEDED : job.isKilled() ? JobOutcome.KILLED : JobOutcome.FAILED);
        }

        @Override
        public void startJob(JobController job) { Master.this.startJob(job); }

        @Override
        public void killTask(Task task) { Master.this.killTask(task, "scaled down"); }

        @Override
        public void killJob(String jobId) { onKill(jobId); }

        @Override
        public MasterConfig config() { return config; }
    }

    /** The master as seen by the placement policy. */
    private final class Placement implements PlacementContext {
        @Override
        public long now() { return now; }

        @Override
        public Cluster cluster() { return cluster; }

        @Override
        public void launch(Task task, Agent agent) {
            checkLaunchable(task, agent);
            agent.allocate(task);
            launched(task, agent);
        }

        @Override
        public void launchReclaimed(Task task, Agent agent) {
            checkLaunchable(task, agent);
            agent.allocateReclaimed(task);
            task.setReclaimed();
            launched(task, agent);
        }

        private void checkLaunchable(Task task, Agent agent) {
            if (task.state() != TaskState.PENDING || task.isUnschedulable()) {
                throw new IllegalStateException("cannot launch " + task + ": not pending");
            }
            if (!Cluster.matches(agent, task.spec().nodeSelector())) {
                throw new IllegalStateException("cannot launch " + task + " on " + agent.id() + ": node selector mismatch");
            }
        }

        private void launched(Task task, Agent agent) {
            task.placed(agent, now);
            observer.taskPlaced(now, task);
            policy.taskLaunched(task);
            TaskSpec s = task.spec();
            sink.emit(now, new Command.Launch(agent.id(), task.id(), task.jobId(), task.request(), task.instance(), s.sim(),
                    s.command(), s.env(), GpuDevices.format(task.gpuDevicesShared()), task.gpu().milli()));
        }

        @Override
        public void attach(Task task, Object record) { task.attachPlacement(record); }

        @Override
        public void holdForOffer(Agent agent, Resources resources) { agent.holdForOffer(resources); }

        @Override
        public void releaseOffer(Agent agent, Resources resources) { agent.releaseOffer(resources); }

        @Override
        public void preempt(Task victim, Task preemptor) {
            if (!victim.state().isActive()) throw new IllegalStateException("cannot preempt " + victim + ": not active");
            if (preemptor.priority() <= victim.priority()) {
                throw new IllegalStateException("preemption must go downward in priority: " + preemptor + " over " + victim);
            }
            if (victim.isKillRequested()) return;
            victim.setKillRequested();
            victim.setPreempted();
            observer.taskPreempted(now, victim, preemptor);
            sink.emit(now, new Command.Kill(victim.agent().id(), victim.id()));
        }

        @Override
        public long schedule(long delayMicros, Runnable action) { return addTimer(delayMicros, action); }

        @Override
        public void cancel(long timerId) { timers.remove(timerId); }
    }
}
