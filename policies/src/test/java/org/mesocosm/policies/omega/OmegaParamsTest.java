package org.mesocosm.policies.omega;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.policy.PolicyRegistry;

class OmegaParamsTest {
    private static final PolicyRegistry REG = PolicyRegistry.load();

    private static OmegaSettings settings(String spec) {
        PolicyParams p = PolicyParams.parse(spec);
        p.checkAgainst(REG.provider("omega").parameters());
        return OmegaSettings.parse(p);
    }

    @Test
    void theExperimentsSyntaxGivesEachSchedulerItsOwnDecisionTime() {
        PlacementPolicy p = REG.create("omega:schedulers=service,batch,service:t_job=10s,batch:t_job=100ms");
        OmegaScheduler o = (OmegaScheduler) p;
        assertEquals(List.of("service", "batch"), o.settings().laneNames());
        assertEquals(10_000_000, o.jobMicros(JobKind.SERVICE));
        assertEquals(100_000, o.jobMicros(JobKind.BATCH));
        assertEquals(100_000, o.jobMicros(JobKind.CRON));
        assertEquals(-1, o.taskMicros(JobKind.SERVICE), "t_task unset: the run's model");
        assertTrue(o.hasPaths());
        assertFalse(((OmegaScheduler) REG.create("omega")).hasPaths());
    }

    @Test
    void defaultsAndVariants() {
        OmegaSettings d = settings("omega");
        assertEquals(List.of("service", "batch"), d.laneNames());
        assertEquals(OmegaSettings.Conflicts.FINE, d.conflicts());
        assertEquals(OmegaSettings.Commit.INCREMENTAL, d.commit());
        OmegaSettings many = settings("omega:schedulers=batch,batch-schedulers=3,split=round-robin,conflicts=coarse,commit=gang");
        assertEquals(List.of("batch-1", "batch-2", "batch-3"), many.laneNames());
        assertEquals(OmegaSettings.Split.ROUND_ROBIN, many.split());
        assertEquals(OmegaSettings.Conflicts.COARSE, many.conflicts());
        assertEquals(OmegaSettings.Commit.GANG, many.commit());
        assertEquals(List.of("service", "batch-1", "batch-2"), settings("omega:batch-schedulers=2").laneNames());
    }

    @Test
    void placementStreamsFollowTheRunSeedUnlessSeedIsGiven() {
        OmegaSettings d = settings("omega");
        assertNotEquals(d.laneSeed("batch", 1), d.laneSeed("batch", 2), "run seeds 1 and 2");
        assertNotEquals(d.laneSeed("service", 1), d.laneSeed("batch", 1), "one run seed, two lanes");
        OmegaSettings pinned = settings("omega:seed=7");
        assertEquals(pinned.laneSeed("batch", 1), pinned.laneSeed("batch", 2), "seed=7 whatever the run seed");
        assertEquals(7 * 1_000_003L + "batch".hashCode(), pinned.laneSeed("batch", 99), "seed= keeps the stream it had before the run seed");
    }

    @Test
    void badSettingsNameTheField() {
        record Bad(String spec, String says) {}
        for (Bad b : List.of(
                new Bad("omega:schedulers=service,spark", "unknown scheduler 'spark'"),
                new Bad("omega:schedulers=batch,batch", "'batch' given twice"),
                new Bad("omega:schedulers=service,service:t_job=1s,batch:t_job=1s", "batch:t_job names no scheduler"),
                new Bad("omega:schedulers=service,batch-schedulers=2", "batch-schedulers needs a batch scheduler"),
                new Bad("omega:batch-schedulers=0", "batch-schedulers=0"),
                new Bad("omega:conflicts=medium", "conflicts=medium (valid: fine, coarse)"),
                new Bad("omega:commit=eventual", "commit=eventual (valid: incremental, gang)"),
                new Bad("omega:split=random", "split=random (valid: hash, round-robin)"),
                new Bad("omega:service:t_job=fast", "service:t_job=fast"),
                new Bad("omega:seed=x7", "seed=x7 is not an integer"),
                new Bad("omega:service:t_slice=1s", "unknown parameter 'service:t_slice'"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> REG.create(b.spec()), b.spec());
            assertTrue(e.getMessage().contains(b.says()) && e.getMessage().contains("omega"), b.spec() + " -> " + e.getMessage());
        }
    }
}
