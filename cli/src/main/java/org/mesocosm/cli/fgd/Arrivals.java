package org.mesocosm.cli.fgd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mesocosm.runtime.model.gpu.GpuPod;

/**
 * The arrival sequence of the inflation experiment: the pod list in a seeded random order, then
 * pods drawn uniformly with replacement from the list, appended while the total GPU request
 * (sum of gpus x gpu_milli) stays within {@code inflate} x the cluster's GPU capacity. A list that
 * alone passes the limit is cut where it would pass it.
 */
public final class Arrivals {
    private Arrivals() { }

    public static List<GpuPod> of(List<GpuPod> pods, long capacityMilli, double inflate, long seed) {
        if (pods.isEmpty()) throw new IllegalArgumentException("the pod list is empty");
        if (pods.stream().noneMatch(p -> p.gpu().totalMilli() > 0)) {
            throw new IllegalArgumentException("the pod list has no GPU pod: the experiment measures GPU allocation");
        }
        SplittableRandom r = new SplittableRandom(seed);
        List<GpuPod> order = new ArrayList<>(pods);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            GpuPod t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        double limit = inflate * capacityMilli;
        List<GpuPod> out = new ArrayList<>(order.size() * 2);
        long total = 0;
        for (GpuPod p : order) {
            if (total + p.gpu().totalMilli() > limit) return out;
            total += p.gpu().totalMilli();
            out.add(p);
        }
        while (true) {
            GpuPod p = pods.get(r.nextInt(pods.size()));
            if (total + p.gpu().totalMilli() > limit) return out;
            total += p.gpu().totalMilli();
            out.add(p);
        }
    }
}
