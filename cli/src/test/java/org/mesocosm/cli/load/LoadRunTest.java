package org.mesocosm.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load test at CI size: 200 agents over real loopback HTTP, 1,000 jobs from 8 clients (about
 * 10 s on an idle 2-core machine, a minute when other builds share it). Nothing may be lost,
 * doubled or over-committed. (Full size, 10,000 jobs: {@code mesocosm loadtest}.)
 */
class LoadRunTest {
    @Test
    @Timeout(180)
    void twoHundredAgentsAndAThousandJobsLoseNothing() throws Exception {
        LoadRun.Options o = LoadRun.Options.defaults(200, 1000, 8).withRunMillis(20, 200).withTimeout(150);
        LoadReport r = LoadRun.run(o, LoadProgress.none());
        System.out.print(r.table());
        assertTrue(r.ok(), r.table());
        assertEquals(1000, r.acknowledged());
        assertEquals(r.launches(), r.ends());
        assertTrue(r.launches() >= 1000, "each job has at least one task: " + r.launches());
        assertTrue(r.submitP99Ms() >= r.submitP50Ms() && r.submitP50Ms() > 0, r.table());
        assertTrue(r.heapPeakBytes() > 0);
    }

    @Test
    @Timeout(180)
    void threeReplicatedMastersLoseNothingUnderLoad() throws Exception {
        LoadRun.Options o = LoadRun.Options.defaults(20, 300, 8).withRunMillis(20, 100).withTimeout(150).withHa(true);
        LoadReport r = LoadRun.run(o, LoadProgress.none());
        System.out.print(r.table());
        assertTrue(r.ok(), r.table());
        assertEquals(300, r.acknowledged());
        assertEquals(r.launches(), r.ends());
        assertTrue(r.table().contains("replication lag") && r.replication().followerP50AndMax()[1] >= 0, "the leader's followers were sampled: " + r.table());
    }
}
