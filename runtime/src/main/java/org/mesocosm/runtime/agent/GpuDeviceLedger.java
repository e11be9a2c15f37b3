package org.mesocosm.runtime.agent;

import java.util.HashMap;
import java.util.Map;
import org.mesocosm.runtime.model.gpu.GpuDemand;

/**
 * Which of the agent's GPU devices its running tasks hold, in milli-GPU. A sharing task gets the
 * fitting device with the least free milli (so shares stack and whole devices stay free); a
 * whole-GPU task gets k completely free devices, the lowest indices. Thread-safe: launches and
 * exits arrive on different threads.
 */
final class GpuDeviceLedger {
    private final int[] free;
    private final Map<String, int[]> held = new HashMap<>();
    private final Map<String, Integer> milliOf = new HashMap<>();

    GpuDeviceLedger(int devices) {
        free = new int[devices];
        java.util.Arrays.fill(free, GpuDemand.DEVICE_MILLI);
    }

    /**
     * Takes devices for a task: {@code gpus} devices of {@code milli} each (milli &lt; 1000 only
     * with gpus = 1). Returns the device indices, or throws naming what is missing.
     */
    synchronized int[] take(String taskId, int gpus, int milli) {
        if (held.containsKey(taskId)) return held.get(taskId).clone();
        GpuDemand d = GpuDemand.of(gpus, milli, null);
        int[] devs;
        if (d.sharing()) {
            int best = -1;
            for (int i = 0; i < free.length; i++) if (free[i] >= d.milli() && (best < 0 || free[i] < free[best])) best = i;
            if (best < 0) throw new IllegalStateException("no GPU device with " + d.milli() + " milli free (devices: " + java.util.Arrays.toString(free) + ")");
            devs = new int[] {best};
        } else {
            devs = new int[d.gpus()];
            int k = 0;
            for (int i = 0; i < free.length && k < devs.length; i++) if (free[i] == GpuDemand.DEVICE_MILLI) devs[k++] = i;
            if (k < devs.length) throw new IllegalStateException(d.gpus() + " free GPU devices wanted, " + k + " free (devices: " + java.util.Arrays.toString(free) + ")");
        }
        for (int i : devs) free[i] -= d.milli();
        held.put(taskId, devs);
        milliOf.put(taskId, d.milli());
        return devs.clone();
    }

    synchronized void release(String taskId) {
        int[] devs = held.remove(taskId);
        if (devs == null) return;
        int m = milliOf.remove(taskId);
        for (int i : devs) free[i] += m;
    }

    synchronized int free(int device) { return free[device]; }
}
