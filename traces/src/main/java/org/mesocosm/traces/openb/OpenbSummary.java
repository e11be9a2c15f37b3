package org.mesocosm.traces.openb;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuNodeSpec;

/**
 * What {@code trace inspect openb:DIR} prints: nodes and GPUs per model, pods by GPU shape, and
 * the pods' GPU request as a share of the GPU capacity (all pods, and per model constraint).
 */
public final class OpenbSummary {
    private OpenbSummary() { }

    public static String text(String name, OpenbTrace t) {
        StringBuilder sb = new StringBuilder();
        sb.append("trace ").append(name).append('\n');
        Map<String, long[]> models = new TreeMap<>(); // model -> {nodes, gpus}
        long cpuOnly = 0, gpuCap = 0;
        for (GpuNodeSpec n : t.nodes()) {
            if (n.gpus() == 0) { cpuOnly++; continue; }
            long[] m = models.computeIfAbsent(n.model(), k -> new long[2]);
            m[0]++;
            m[1] += n.gpus();
            gpuCap += n.gpus() * (long) GpuDemand.DEVICE_MILLI;
        }
        sb.append(String.format(Locale.ROOT, "nodes: %d (%d with GPUs, %d CPU-only), GPUs: %d%n", t.nodes().size(),
                t.nodes().size() - cpuOnly, cpuOnly, gpuCap / 1000));
        for (var e : models.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  model %-10s %5d nodes %6d GPUs%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
        }
        Map<String, long[]> shapes = new TreeMap<>(); // shape -> {pods, milli}
        Map<String, long[]> byModel = new TreeMap<>();
        long total = 0;
        boolean timed = true;
        for (OpenbPod p : t.pods()) {
            GpuDemand d = p.pod().gpu();
            String shape = d.none() ? "0 CPU-only" : d.sharing() ? "1 sharing (<1 GPU)" : String.format(Locale.ROOT, "2 %d whole GPU%s", d.gpus(), d.gpus() == 1 ? "" : "s");
            long[] s = shapes.computeIfAbsent(shape, k -> new long[2]);
            s[0]++;
            s[1] += d.totalMilli();
            total += d.totalMilli();
            if (!d.none()) {
                long[] m = byModel.computeIfAbsent(d.models().isEmpty() ? "(any model)" : d.modelSpec(), k -> new long[2]);
                m[0]++;
                m[1] += d.totalMilli();
            }
            timed &= p.hasTimes();
        }
        sb.append(String.format(Locale.ROOT, "pods: %d (%s)%n", t.pods().size(), timed ? "with creation and deletion times" : "no times: not replayable"));
        sb.append("  by GPU shape:                pods   share   GPU request (% of GPU capacity)\n");
        for (var e : shapes.entrySet()) {
            sb.append(String.format(Locale.ROOT, "    %-24s %7d %6.1f%% %8s%n", e.getKey().substring(2), e.getValue()[0],
                    100.0 * e.getValue()[0] / Math.max(1, t.pods().size()), pct(e.getValue()[1], gpuCap)));
        }
        sb.append("  GPU pods by model constraint: pods   GPU request (% of GPU capacity)\n");
        for (var e : byModel.entrySet()) {
            sb.append(String.format(Locale.ROOT, "    %-24s %7d %8s%n", e.getKey(), e.getValue()[0], pct(e.getValue()[1], gpuCap)));
        }
        sb.append(String.format(Locale.ROOT, "GPU request of all pods: %.1f GPUs = %s of the GPU capacity%n", total / 1000.0, pct(total, gpuCap)));
        return sb.toString();
    }

    private static String pct(long milli, long cap) {
        return cap == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * milli / cap);
    }
}
