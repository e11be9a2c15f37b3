package org.mesocosm.policies.gpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuNodeSpec;
import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * The state a GPU placement policy sees: per node its free CPU and memory, its device model and the
 * free milli-GPU of every device, and how many GPU pods of each class (sharing, or whole-k) it
 * holds. Flat arrays because placement reads them for every node and pod; {@link #version(int)}
 * changes whenever a node changes, so a policy may cache what it computed for an unchanged node.
 */
public final class GpuCluster {
    /** Class index of a sharing pod in {@link #podsOfClass}; whole-k pods are at index k. */
    public static final int SHARING = 0;

    private final GpuNodeSpec[] specs;
    private final long[] cpuFree, memFree;
    private final int[] modelId;
    private final int[][] free;
    private final int[][] classCount;
    private final int[] version;
    private final List<String> models = new ArrayList<>();
    private final long capacityMilli;
    private long allocatedMilli;

    public GpuCluster(List<GpuNodeSpec> nodes) {
        int n = nodes.size();
        specs = nodes.toArray(new GpuNodeSpec[0]);
        cpuFree = new long[n];
        memFree = new long[n];
        modelId = new int[n];
        free = new int[n][];
        classCount = new int[n][];
        version = new int[n];
        Map<String, Integer> ids = new HashMap<>();
        long cap = 0;
        for (int i = 0; i < n; i++) {
            GpuNodeSpec s = specs[i];
            cpuFree[i] = s.cpuMilli();
            memFree[i] = s.memMiB();
            modelId[i] = ids.computeIfAbsent(s.model(), m -> { models.add(m); return models.size() - 1; });
            free[i] = new int[s.gpus()];
            java.util.Arrays.fill(free[i], GpuDemand.DEVICE_MILLI);
            classCount[i] = new int[s.gpus() + 1];
            cap += (long) s.gpus() * GpuDemand.DEVICE_MILLI;
        }
        capacityMilli = cap;
    }

    public int size() { return specs.length; }

    public GpuNodeSpec spec(int node) { return specs[node]; }

    public long cpuFree(int node) { return cpuFree[node]; }

    public long memFree(int node) { return memFree[node]; }

    public int modelId(int node) { return modelId[node]; }

    /** The distinct device models, indexed by {@link #modelId(int)}. */
    public List<String> models() { return List.copyOf(models); }

    public int devices(int node) { return free[node].length; }

    public int free(int node, int device) { return free[node][device]; }

    /** The node's free milli per device. Read only: callers must not write into it. */
    int[] freeView(int node) { return free[node]; }

    public long freeMilli(int node) {
        long s = 0;
        for (int f : free[node]) s += f;
        return s;
    }

    /** GPU pods of a class on the node: {@link #SHARING}, or k for pods of k whole devices. */
    public int podsOfClass(int node, int gpuClass) {
        return gpuClass < classCount[node].length ? classCount[node][gpuClass] : 0;
    }

    public int gpuPods(int node) {
        int s = 0;
        for (int c : classCount[node]) s += c;
        return s;
    }

    public int version(int node) { return version[node]; }

    public long capacityMilli() { return capacityMilli; }

    public long allocatedMilli() { return allocatedMilli; }

    /** The class index of a demand for {@link #podsOfClass}: -1 for no GPU. */
    public static int gpuClass(GpuDemand d) {
        return d.none() ? -1 : d.sharing() ? SHARING : d.gpus();
    }

    /**
     * Binds the pod. The placement must be feasible: enough CPU and memory, an accepted model, and
     * the devices it names free enough (a whole-GPU pod only on completely free devices).
     */
    public void bind(GpuPod pod, Placement p) {
        int n = p.node();
        GpuDemand d = pod.gpu();
        if (pod.cpuMilli() > cpuFree[n] || pod.memMiB() > memFree[n]) throw new IllegalStateException(pod.name() + ": cpu or memory over-committed on " + specs[n].name());
        int[] devs = p.devices();
        if (devs.length != d.gpus()) throw new IllegalStateException(pod.name() + ": " + devs.length + " devices for a " + d.gpus() + "-GPU pod");
        if (!d.none() && !d.acceptsModel(models.get(modelId[n]))) throw new IllegalStateException(pod.name() + ": wrong model on " + specs[n].name());
        for (int i = 0; i < devs.length; i++) {
            int dev = devs[i];
            for (int j = 0; j < i; j++) if (devs[j] == dev) throw new IllegalStateException(pod.name() + ": device " + dev + " twice");
            int need = d.whole() ? GpuDemand.DEVICE_MILLI : d.milli();
            if (free[n][dev] < need || (d.whole() && free[n][dev] != GpuDemand.DEVICE_MILLI)) {
                throw new IllegalStateException(pod.name() + ": device " + dev + " of " + specs[n].name() + " has " + free[n][dev] + " milli free, needs " + need);
            }
        }
        cpuFree[n] -= pod.cpuMilli();
        memFree[n] -= pod.memMiB();
        for (int dev : devs) free[n][dev] -= d.milli();
        allocatedMilli += d.totalMilli();
        if (!d.none()) classCount[n][gpuClass(d)]++;
        version[n]++;
    }
}
