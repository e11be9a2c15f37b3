package org.mesocosm.runtime.agent;

import java.util.HashMap;
import java.util.Map;
import org.mesocosm.runtime.model.gpu.GpuDemand;

/**
 * Which of the agent's GPU devices its running tasks hold, in milli-GPU. The master chooses the
 * devices (its own per-device ledger, {@code GpuDevices}); this one is the agent's check that they
 * are really free here. Thread-safe: launches and exits arrive on different threads.
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
     * Books the devices the master chose for a task, {@code milli} of each. The agent does not choose: it
     * refuses (throws, booking nothing) a launch whose devices are out of range, listed twice or not free,
     * which can only mean the master and the agent disagree about what runs here.
     */
    synchronized void take(String taskId, int[] devices, int milli) {
        if (held.containsKey(taskId)) return;
        if (milli <= 0 || milli > GpuDemand.DEVICE_MILLI) throw new IllegalStateException("gpu_milli " + milli + " out of range 1..1000");
        if (devices.length == 0) throw new IllegalStateException("no GPU devices given");
        for (int i = 0; i < devices.length; i++) {
            int d = devices[i];
            if (d < 0 || d >= free.length) throw new IllegalStateException("GPU device " + d + " does not exist (devices 0.." + (free.length - 1) + ")");
            for (int j = 0; j < i; j++) if (devices[j] == d) throw new IllegalStateException("GPU device " + d + " listed twice");
            if (free[d] < milli) {
                throw new IllegalStateException("GPU device " + d + " has " + free[d] + " milli free, the launch asks " + milli
                        + " (devices: " + java.util.Arrays.toString(free) + ")");
            }
        }
        for (int d : devices) free[d] -= milli;
        held.put(taskId, devices.clone());
        milliOf.put(taskId, milli);
    }

    synchronized void release(String taskId) {
        int[] devs = held.remove(taskId);
        if (devs == null) return;
        int m = milliOf.remove(taskId);
        for (int i : devs) free[i] += m;
    }

    synchronized int free(int device) { return free[device]; }
}
