package org.mesocosm.policies.gpu;

import java.util.List;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuPod;

/** The one filter every GPU policy shares: CPU, memory, device model, and devices free enough. */
public final class Feasibility {
    private Feasibility() { }

    /** Per cluster model id: does the demand accept it. */
    public static boolean[] modelsOk(GpuCluster c, GpuDemand d) {
        List<String> models = c.models();
        boolean[] ok = new boolean[models.size()];
        for (int i = 0; i < ok.length; i++) ok[i] = d.acceptsModel(models.get(i));
        return ok;
    }

    public static boolean nodeFits(GpuCluster c, int n, GpuPod.Shape s, boolean[] modelOk) {
        if (s.cpuMilli() > c.cpuFree(n) || s.memMiB() > c.memFree(n)) return false;
        GpuDemand d = s.gpu();
        if (d.none()) return true;
        if (!modelOk[c.modelId(n)]) return false;
        if (d.sharing()) {
            for (int dev = 0; dev < c.devices(n); dev++) if (c.free(n, dev) >= d.milli()) return true;
            return false;
        }
        int full = 0;
        for (int dev = 0; dev < c.devices(n); dev++) if (c.free(n, dev) == GpuDemand.DEVICE_MILLI) full++;
        return full >= d.gpus();
    }
}
