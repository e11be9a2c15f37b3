package org.mesocosm.policies.k8s;

import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.pods.CycleState;
import org.mesocosm.runtime.pods.PlacedPod;
import org.mesocosm.runtime.pods.StateKey;

/** The incoming pod's request as plain longs, computed once per cycle (kube-scheduler's preFilterState of NodeResourcesFit). */
record PodRequest(long cpu, long mem, long disk, long gpus, long nonZeroCpu, long nonZeroMem) {

    static final StateKey<PodRequest> KEY = StateKey.of("PodRequest", PodRequest.class);

    static PodRequest of(Task pod) {
        Resources r = pod.request();
        return new PodRequest(r.cpuMillis(), r.memMiB(), r.diskMiB(), r.gpus(),
                r.cpuMillis() == 0 ? PlacedPod.DEFAULT_MILLI_CPU : r.cpuMillis(), r.memMiB() == 0 ? PlacedPod.DEFAULT_MEM_MIB : r.memMiB());
    }

    /** From the cycle state if a PreFilter put it there, else computed. */
    static PodRequest get(CycleState state, Task pod) {
        PodRequest r = state.get(KEY);
        if (r == null) {
            r = of(pod);
            state.put(KEY, r);
        }
        return r;
    }
}
