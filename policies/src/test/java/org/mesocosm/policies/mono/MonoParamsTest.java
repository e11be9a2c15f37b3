package org.mesocosm.policies.mono;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.policy.PolicyRegistry;

class MonoParamsTest {
    private static final PolicyRegistry REGISTRY = PolicyRegistry.load();

    private record Bad(String spec, String message) {}

    @Test
    void singlePathHasNoPathsOfItsOwn() {
        DecisionPaths p = (DecisionPaths) REGISTRY.create("mono");
        assertFalse(p.hasPaths());
        for (JobKind k : JobKind.values()) assertEquals(-1, p.jobMicros(k));
    }

    @Test
    void multiPathSetsEachKindsTimes() {
        DecisionPaths p = (DecisionPaths) REGISTRY.create("mono:paths=service:t_job=10s,batch:t_job=100ms,batch:t_task=2ms");
        assertTrue(p.hasPaths());
        assertEquals(10_000_000, p.jobMicros(JobKind.SERVICE));
        assertEquals(-1, p.taskMicros(JobKind.SERVICE), "not given: the run's model");
        for (JobKind k : List.of(JobKind.BATCH, JobKind.CRON, JobKind.PIPELINE)) {
            assertEquals(100_000, p.jobMicros(k), k.name());
            assertEquals(2_000, p.taskMicros(k), k.name());
        }
    }

    @Test
    void badPathsNameWhatIsWrong() {
        for (Bad b : List.of(
                new Bad("mono:paths=gpu:t_job=1s", "unknown path 'gpu'"),
                new Bad("mono:paths=service:t_jobs=1s", "'t_jobs'"),
                new Bad("mono:paths=service:t_job=soon", "service:t_job=soon"),
                new Bad("mono:batch:t_job=1s", "without paths="),
                new Bad("mono:paths=service", "is not KIND:t_job=DURATION"),
                new Bad("mono:paths=service:t_job=1s,service:t_job=2s", "given twice"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> REGISTRY.create(b.spec()), b.spec());
            assertTrue(e.getMessage().contains(b.message()), b.spec() + " -> " + e.getMessage());
        }
    }
}
