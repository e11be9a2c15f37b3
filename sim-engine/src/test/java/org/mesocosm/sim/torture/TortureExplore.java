package org.mesocosm.sim.torture;

import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.policy.PolicyRegistry;

class TortureExplore {
    @Test
    void explore() {
        PolicyRegistry reg = PolicyRegistry.load();
        int fails = 0;
        long t0 = System.nanoTime();
        FaultCounts all = new FaultCounts();
        int n = Integer.getInteger("explore.n", 30);
        for (long seed = 1; seed <= n; seed++) {
            TortureRun.Result r = new TortureRun(TortureSettings.DEFAULT, seed, () -> reg.create("drf")).run();
            all.addAll(r.faults());
            if (!r.passed()) {
                fails++;
                System.out.println("seed " + seed + " @" + r.violationAtMicros() + ": " + r.violation());
            }
        }
        System.out.println("fails " + fails + "/" + n + " in " + (System.nanoTime() - t0) / 1e9 + " s; " + all);
    }
}
