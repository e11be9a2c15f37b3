package org.mesocosm.sim.torture;

import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.policy.PolicyRegistry;

class TortureTraceExplore {
    @Test
    void trace() throws Exception {
        PolicyRegistry reg = PolicyRegistry.load();
        long seed = Long.getLong("trace.seed", 1);
        try (var out = new java.io.PrintWriter("/tmp/torture-trace.txt")) {
            TortureRun.Result r = new TortureRun(TortureSettings.DEFAULT, seed, () -> reg.create("drf")).trace(out::println).run();
            out.println(r);
        }
    }
}
