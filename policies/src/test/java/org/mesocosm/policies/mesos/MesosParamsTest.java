package org.mesocosm.policies.mesos;

import org.mesocosm.policies.lanes.LaneCosts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.policy.PolicyRegistry;

/** The {@code mesos} syntax: a framework list past commas, and a decision time per lane. */
class MesosParamsTest {

    private static MesosParams parse(String spec) {
        PolicyParams p = PolicyParams.parse(spec);
        p.checkAgainst(new MesosPolicy().parameters());
        return MesosParams.parse(p);
    }

    @Test
    void theExperimentsSyntax() {
        MesosParams m = parse("mesos:frameworks=marathon,jobs,marathon:t_job=10s,jobs:t_job=100ms");
        assertEquals(List.of("marathon", "jobs"), m.frameworks());
        assertEquals(new LaneCosts(10_000_000, -1), m.costs().get("marathon"));
        assertEquals(new LaneCosts(100_000, -1), m.costs().get("jobs"));
        assertEquals(LaneCosts.RUN_MODEL, m.costs().get("allocator"));
        MesosParams all = parse("mesos:frameworks=marathon,jobs,k8s,spark,allocator:t_job=1ms,k8s:t_task=2ms,interval=500ms");
        assertEquals(List.of("marathon", "jobs", "k8s", "spark"), all.frameworks());
        assertEquals(new LaneCosts(1_000, -1), all.costs().get("allocator"));
        assertEquals(new LaneCosts(-1, 2_000), all.costs().get("k8s"));
        assertEquals(500_000, all.offers().allocationIntervalMicros());
        assertEquals(List.of("marathon", "jobs"), parse("mesos").frameworks(), "the default");
        assertTrue(PolicyRegistry.load().create("mesos:frameworks=marathon,jobs,k8s") instanceof MesosScheduler);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mesos:frameworks=marathon,yarn|frameworks: 'yarn' is not one of marathon, jobs, k8s, spark",
        "mesos:frameworks=jobs,jobs|frameworks: 'jobs' given twice",
        "mesos:frameworks=jobs,marathon:t_job=1s|marathon:t_job: 'marathon' is not in frameworks=jobs",
        "mesos:frameworks=jobs,jobs:t_job=soon|jobs:t_job=soon: not a duration",
        "mesos:frameworks=jobs,jobs:t_wait=1s|unknown parameter 'jobs:t_wait'"})
    void badSyntaxSaysWhatIsWrong(String specAndWant) {
        String spec = specAndWant.substring(0, specAndWant.indexOf('|')), want = specAndWant.substring(specAndWant.indexOf('|') + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(spec));
        assertTrue(e.getMessage().contains(want), e.getMessage());
    }
}
