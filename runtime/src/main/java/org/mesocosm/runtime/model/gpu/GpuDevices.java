package org.mesocosm.runtime.model.gpu;

import java.util.Arrays;

/**
 * The free milli-GPU of each of one node's devices, as the master tracks it. A sharing task takes
 * its milli from one device; a whole-GPU task takes k devices that are completely free. The
 * master's choice (see {@link #choose}) is deterministic: a share goes to the fitting device with
 * the least free milli (shares stack, whole devices stay free), ties to the lowest index; whole
 * devices are the lowest free indices. Taking more than is free throws: that is a double booking.
 */
public final class GpuDevices {
    private static final int[] NO_DEVICES = new int[0];
    private final int[] free;
    private final String model;
    private int fullyFree;

    public GpuDevices(int devices, String model) {
        if (devices < 0) throw new IllegalArgumentException("negative device count " + devices);
        free = new int[devices];
        Arrays.fill(free, GpuDemand.DEVICE_MILLI);
        fullyFree = devices;
        this.model = model == null ? "" : model;
    }

    /** A copy to try placements on without touching this ledger (an offer filled with several tasks). */
    public GpuDevices copy() {
        GpuDevices c = new GpuDevices(free.length, model);
        System.arraycopy(free, 0, c.free, 0, free.length);
        c.fullyFree = fullyFree;
        return c;
    }

    public int count() { return free.length; }

    public String model() { return model; }

    public int freeMilli(int device) { return free[device]; }

    /** Devices with all 1000 milli free. */
    public int fullyFree() { return fullyFree; }

    /** True when the demand fits: the model is acceptable and some device(s) have room. A demand of none always fits. */
    public boolean fits(GpuDemand d) {
        if (d.none()) return true;
        if (!d.acceptsModel(model)) return false;
        if (d.whole()) return fullyFree >= d.gpus();
        for (int f : free) if (f >= d.milli()) return true;
        return false;
    }

    /** The devices the master gives the demand, or null when it does not fit; empty for none. */
    public int[] choose(GpuDemand d) {
        if (d.none()) return NO_DEVICES;
        if (!fits(d)) return null;
        if (d.sharing()) {
            int best = -1;
            for (int i = 0; i < free.length; i++) if (free[i] >= d.milli() && (best < 0 || free[i] < free[best])) best = i;
            return new int[] {best};
        }
        int[] devs = new int[d.gpus()];
        for (int i = 0, k = 0; k < devs.length; i++) if (free[i] == GpuDemand.DEVICE_MILLI) devs[k++] = i;
        return devs;
    }

    /** Takes {@code milli} from each of {@code devices}; throws (changing nothing) if any lacks it. */
    public void take(int[] devices, int milli) {
        for (int i = 0; i < devices.length; i++) {
            int dev = devices[i];
            if (dev < 0 || dev >= free.length) throw new IllegalStateException("GPU device " + dev + " out of range 0.." + (free.length - 1));
            for (int j = 0; j < i; j++) if (devices[j] == dev) throw new IllegalStateException("GPU device " + dev + " listed twice");
            if (free[dev] < milli) {
                throw new IllegalStateException("double booking of GPU device " + dev + ": " + milli + " milli asked, " + free[dev] + " free");
            }
        }
        for (int dev : devices) {
            if (free[dev] == GpuDemand.DEVICE_MILLI) fullyFree--;
            free[dev] -= milli;
            if (free[dev] == GpuDemand.DEVICE_MILLI) fullyFree++;
        }
    }

    /** Gives back what {@link #take} took. */
    public void release(int[] devices, int milli) {
        for (int dev : devices) {
            if (free[dev] + milli > GpuDemand.DEVICE_MILLI) {
                throw new IllegalStateException("GPU device " + dev + " released beyond " + GpuDemand.DEVICE_MILLI + " milli");
            }
        }
        for (int dev : devices) {
            free[dev] += milli;
            if (free[dev] == GpuDemand.DEVICE_MILLI) fullyFree++;
        }
    }

    /** Device indices as CUDA_VISIBLE_DEVICES and tasks.csv write them: {@code 0,3}; empty for none. */
    public static String format(int[] devices) {
        StringBuilder sb = new StringBuilder();
        for (int d : devices) sb.append(sb.length() == 0 ? "" : ",").append(d);
        return sb.toString();
    }

    @Override
    public String toString() { return "GpuDevices[" + model + "," + Arrays.toString(free) + "]"; }
}
