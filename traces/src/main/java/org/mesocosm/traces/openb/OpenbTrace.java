package org.mesocosm.traces.openb;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.model.gpu.GpuNodeSpec;
import org.mesocosm.runtime.model.gpu.GpuPod;

/** An openb node list and pod list, read whole (the published files are a few thousand rows). */
public record OpenbTrace(List<GpuNodeSpec> nodes, List<OpenbPod> pods) {
    public OpenbTrace {
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
    }

    /** The nodes with at least one GPU: the cluster of the FGD experiment. */
    public List<GpuNodeSpec> gpuNodes() {
        List<GpuNodeSpec> out = new ArrayList<>();
        for (GpuNodeSpec n : nodes) if (n.gpus() > 0) out.add(n);
        return out;
    }

    public List<GpuPod> gpuPods() {
        List<GpuPod> out = new ArrayList<>(pods.size());
        for (OpenbPod p : pods) out.add(p.pod());
        return out;
    }
}
