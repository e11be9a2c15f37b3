package org.mesocosm.runtime.master;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuDevices;
import org.mesocosm.runtime.util.GapList;

/**
 * The master's view of one agent: what it has, what is allocated to tasks, and what is held by
 * outstanding offers. {@code free = total - allocated - offered} never goes negative: that would
 * be a double booking, and the arithmetic throws.
 *
 * <p>Reclaimed placements (Borg-style reclamation of allocated-but-unused resources) are kept in a
 * separate account, {@link #reclaimed()}, outside that hard rule: they may only push the sum of
 * all requests up to {@link #ceiling()}, the total plus the overcommit the policy declared
 * ({@link org.mesocosm.runtime.master.PlacementPolicy#overcommitPercent()}); with no declared
 * overcommit, the ceiling is the total and nothing can be placed reclaimed.
 */
public final class Agent {
    /** The implicit attribute naming the agent itself. */
    public static final String HOSTNAME = "hostname";
    /** The attribute naming the model of the agent's GPU devices (an agent's {@code --gpu-model}). */
    public static final String GPU_MODEL = "gpu_model";
    /** Devices the master books per agent at most, so that an agent advertising absurd gpus cannot make it allocate much. */
    static final int MAX_DEVICES = 1024;

    private final String id;
    private final int index;
    private Resources total;
    private Map<String, String> attributes;
    private Resources allocated = Resources.ZERO;
    private Resources offered = Resources.ZERO;
    /** total - allocated - offered, kept current: offer rounds read it for every agent. */
    private Resources free;
    private Resources reclaimed = Resources.ZERO;
    private int overcommitPercent;
    private boolean up;
    /** In placement order; a task keeps its own index in it, so that a task's end is no search or hash. */
    private final GapList<Task> tasks = new GapList<>(TASK_SLOTS);
    private static final GapList.Slots<Task> TASK_SLOTS = new GapList.Slots<>() {
        @Override public int get(Task t) { return t.agentSlot; }
        @Override public void set(Task t, int index) { t.agentSlot = index; }
    };
    /** Tasks the master gave up on (lost with this agent) that the agent says still run: held until they are gone. */
    private final Map<String, Resources> orphans = new LinkedHashMap<>();
    private Resources orphaned = Resources.ZERO;
    /** Per-device free milli of its {@code total.gpus} devices of model {@link #GPU_MODEL}; rebuilt when those change. */
    private GpuDevices gpuDevices = new GpuDevices(0, "");

    Agent(String id, int index, Resources total, Map<String, String> attributes) {
        this.id = id;
        this.index = index;
        this.total = total;
        this.attributes = attributes;
        this.free = total;
    }

    public String id() { return id; }

    /** Registration order; stable for the agent's lifetime, dense from 0. */
    public int index() { return index; }

    public Resources total() { return total; }

    public Resources allocated() { return allocated; }

    public Resources offered() { return offered; }

    public Resources free() { return free; }

    private void freeChanged() {
        free = total.minus(allocated).minus(offered).minus(orphaned);
    }
    /** Requests of the tasks placed on reclaimed resources (outside {@link #allocated()}). */
    public Resources reclaimed() { return reclaimed; }

    /** The most that allocated, reclaimed and offered resources may add up to: total plus the declared overcommit. */
    public Resources ceiling() {
        if (overcommitPercent == 0) return total;
        return new Resources(scale(total.cpuMillis()), scale(total.memMiB()), scale(total.diskMiB()), scale(total.gpus()));
    }

    private long scale(long v) {
        return v + v * overcommitPercent / 100;
    }


    /** Resources held by orphans: tasks this agent still runs that the master has already replaced, until they are killed. */
    public Resources orphaned() { return orphaned; }

    java.util.List<String> orphanIds() { return new java.util.ArrayList<>(orphans.keySet()); }

    /** Holds an orphan's resources, if they fit; if they do not, the agent is already over-committed and holding cannot help. */
    void holdOrphan(String taskId, Resources r) {
        if (orphans.containsKey(taskId) || !free().fits(r)) return;
        orphans.put(taskId, r);
        orphaned = orphaned.plus(r);
        freeChanged();
    }

    /** True if the task was held as an orphan. */
    boolean releaseOrphan(String taskId) {
        Resources r = orphans.remove(taskId);
        if (r == null) return false;
        orphaned = orphaned.minus(r);
        freeChanged();
        return true;
    }

    public Map<String, String> attributes() { return attributes; }

    /** Its GPU devices as the master books them: read them, never change them (the master does, on placement and end). */
    public GpuDevices gpuDevices() { return gpuDevices; }

    /** True when the task's GPU demand (devices and model) fits this agent's devices now. */
    public boolean gpuFits(GpuDemand d) { return gpuDevices.fits(d); }

    public boolean isUp() { return up; }

    /** In placement order; a view valid until the agent's tasks next change. */
    public Collection<Task> tasks() { return tasks.view(); }

    public int taskCount() { return tasks.size(); }

    /** Holds resources for an outstanding offer; policies ask through {@link PlacementContext#holdForOffer}. */
    void holdForOffer(Resources r) {
        requireFree(r, "offer");
        offered = offered.plus(r);
        freeChanged();
    }

    void releaseOffer(Resources r) {
        offered = offered.minus(r);
        freeChanged();
    }

    void register(Resources total, Map<String, String> attributes, int overcommitPercent) {
        if (!offered.isZero()) throw new IllegalStateException("agent " + id + " re-registers with offers still outstanding");
        this.total = total;
        this.attributes = withHostname(id, attributes);
        this.overcommitPercent = overcommitPercent;
        this.up = true;
        String model = this.attributes.getOrDefault(GPU_MODEL, "");
        int devices = (int) Math.min(total.gpus(), MAX_DEVICES);
        if (gpuDevices.count() != devices || !gpuDevices.model().equals(model)) {
            for (Task t : tasks.view()) {
                if (!t.gpu().none()) throw new IllegalStateException("agent " + id + " changes its GPU devices while task " + t.id() + " holds some");
            }
            gpuDevices = new GpuDevices(devices, model);
        }
        freeChanged();
    }

    /** Every agent has the attribute {@code hostname} (its id, unless declared), for topology keys and selectors. */
    static Map<String, String> withHostname(String id, Map<String, String> attributes) {
        if (attributes.containsKey(HOSTNAME)) return attributes;
        Map<String, String> m = new LinkedHashMap<>(attributes);
        m.put(HOSTNAME, id);
        return Collections.unmodifiableMap(m);
    }

    /** Outstanding offers on a lost agent are rescinded by the policy, which releases them. */
    void markDown() {
        up = false;
        orphans.clear();
        orphaned = Resources.ZERO;
        freeChanged();
    }

    void allocate(Task t) {
        requireFree(t.request(), "task " + t.id());
        // with nothing reclaimed, fitting in free already keeps every commitment within total <= ceiling
        if (!reclaimed.isZero()) requireBelowCeiling(t.request(), "task " + t.id());
        takeGpus(t);
        allocated = allocated.plus(t.request());
        freeChanged();
        tasks.add(t);
    }

    /** Books the devices the task gets (the master's choice) and records them on the task. */
    private void takeGpus(Task t) {
        GpuDemand d = t.gpu();
        if (d.none()) return;
        int[] devs = gpuDevices.choose(d);
        if (devs == null) {
            throw new IllegalStateException("double booking on agent " + id + ": task " + t.id() + " asks " + d.gpus() + " x "
                    + d.milli() + " milli GPU" + (d.models().isEmpty() ? "" : " of " + d.modelSpec()) + " but devices are " + gpuDevices);
        }
        gpuDevices.take(devs, d.milli());
        t.setGpuDevices(devs);
    }

    /** Places a task on reclaimed resources: only the declared ceiling limits it. */
    void allocateReclaimed(Task t) {
        if (!up) throw new IllegalStateException("agent " + id + " is down; cannot place task " + t.id());
        requireBelowCeiling(t.request(), "reclaimed task " + t.id());
        takeGpus(t);
        reclaimed = reclaimed.plus(t.request());
        tasks.add(t);
    }

    void release(Task t) {
        if (tasks.remove(t)) {
            if (!t.gpu().none()) gpuDevices.release(t.gpuDevicesShared(), t.gpu().milli());
            if (t.isReclaimed()) reclaimed = reclaimed.minus(t.request());
            else {
                allocated = allocated.minus(t.request());
                freeChanged();
            }
        }
    }

    private void requireBelowCeiling(Resources r, String what) {
        Resources after = allocated.plus(reclaimed).plus(offered).plus(orphaned).plus(r);
        if (!ceiling().fits(after)) {
            throw new IllegalStateException("over-commit on agent " + id + ": " + what + " would bring commitments to " + after
                    + ", beyond the declared ceiling " + ceiling());
        }
    }

    private void requireFree(Resources r, String what) {
        if (!up) throw new IllegalStateException("agent " + id + " is down; cannot place " + what);
        if (!free().fits(r)) {
            throw new IllegalStateException("double booking on agent " + id + ": " + what + " asks " + r + " but only "
                    + free() + " is free");
        }
    }

    @Override
    public String toString() {
        return "Agent[" + id + (up ? "" : ",down") + ",free=" + free() + "]";
    }
}
