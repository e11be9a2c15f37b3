package org.mesocosm.runtime.master;

import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.model.gpu.GpuDemand;

/** One placement attempt of one task instance. Mutated only by the master. */
public final class Task {
    private final String id;
    private final JobController job;
    private final TaskSpec spec;
    private final int instance;
    private final int attempt;
    private final long seq;
    private TaskState state = TaskState.PENDING;
    private Agent agent;
    private final long readyAt;
    private long placedAt = -1;
    private long startedAt = -1;
    private long endedAt = -1;
    private int exitCode;
    private boolean unschedulable;
    private boolean killRequested;
    private boolean reclaimed;
    private boolean preempted;
    private String endReason = "";
    /** Its index in its agent's task list, -1 when on none (see {@link Agent#tasks()}). */
    int agentSlot = -1;
    /** Its index in its job's list of live tasks, -1 when on none (see {@link LiveTasks}). */
    int jobSlot = -1;
    /** The placement policy's own record of the task while it is placed (see {@link #placement()}). */
    private Object placement;
    /** The GPU devices the master gave it on its agent; empty when it asks for none or is not placed. */
    private int[] gpuDevices = NO_DEVICES;
    private static final int[] NO_DEVICES = new int[0];

    Task(long seq, JobController job, TaskSpec spec, int instance, int attempt, long readyAt) {
        this.seq = seq;
        this.id = job.spec().id() + "." + spec.name() + "." + instance + "." + attempt;
        this.job = job;
        this.spec = spec;
        this.instance = instance;
        this.attempt = attempt;
        this.readyAt = readyAt;
    }

    public String id() { return id; }

    /** Creation order across the whole master: a stable tie-breaker for queues. */
    public long seq() { return seq; }

    public String jobId() { return job.spec().id(); }

    public String role() { return job.spec().role(); }

    public JobKind kind() { return job.spec().kind(); }

    /** The framework its job names for a two-level policy, or null (route by kind). */
    public String framework() { return job.spec().framework(); }

    public int priority() { return job.spec().priority(); }

    public TaskSpec spec() { return spec; }

    public Resources request() { return spec.request(); }

    /** What it asks of GPU devices. */
    public GpuDemand gpu() { return spec.gpu(); }

    /** The GPU device indices it holds on its agent (a copy); empty when none. Kept after it ends, for tasks.csv. */
    public int[] gpuDevices() { return gpuDevices.clone(); }

    void setGpuDevices(int[] devices) { gpuDevices = devices; }

    int[] gpuDevicesShared() { return gpuDevices; }

    public int instance() { return instance; }

    public int attempt() { return attempt; }

    public TaskState state() { return state; }

    /** The agent it was placed on, or null while pending. */
    public Agent agent() { return agent; }

    public long readyAt() { return readyAt; }

    public long placedAt() { return placedAt; }

    public long startedAt() { return startedAt; }

    public long endedAt() { return endedAt; }

    public int exitCode() { return exitCode; }

    public boolean isUnschedulable() { return unschedulable; }

    public boolean isKillRequested() { return killRequested; }

    /** Placed on reclaimed (allocated-but-unused) resources, outside its agent's {@link Agent#allocated()}. */
    public boolean isReclaimed() { return reclaimed; }

    public String endReason() { return endReason; }

    /** The end reason of a task killed to make room for a more important one. */
    public static final String PREEMPTED = "preempted";
    /** The end reason of a task its machine killed for using more memory than the machine has. */
    public static final String OOM_KILLED = "oom";

    /** Its kill was requested by preemption. */
    public boolean isPreempted() { return preempted; }

    /**
     * What the placement policy attached to the task when it was placed, or null: the pod
     * scheduler keeps its pod entry here, so that a task's end finds it without a lookup.
     * Nothing else reads it; it decides nothing.
     */
    public Object placement() { return placement; }

    /** Attaches (or, with null, drops) the placement policy's record: through {@code PlacementContext.attach}. */
    void attachPlacement(Object record) { placement = record; }

    JobController job() { return job; }

    void placed(Agent a, long now) {
        agent = a;
        placedAt = now;
        state = TaskState.STAGING;
    }

    void running(long now) {
        state = TaskState.RUNNING;
        startedAt = now;
    }

    void end(TaskState terminal, long now, int exitCode, String reason) {
        if (!terminal.isTerminal()) throw new IllegalArgumentException("not terminal: " + terminal);
        if (state.isTerminal()) throw new IllegalStateException("task " + id + " already " + state);
        state = terminal;
        endedAt = now;
        this.exitCode = exitCode;
        this.endReason = reason == null ? "" : reason;
    }

    void setUnschedulable(boolean u) { unschedulable = u; }

    void setKillRequested() { killRequested = true; }

    void setReclaimed() { reclaimed = true; }

    void setPreempted() { preempted = true; }

    @Override
    public String toString() {
        return "Task[" + id + "," + state + (agent == null ? "" : "@" + agent.id()) + "]";
    }
}
