package org.mesocosm.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load test at CI size: 200 agents over real loopback HTTP, 2,000 jobs from 8 clients.
 * Nothing may be lost, doubled or over-committed. (Full size: {@code mesocosm loadtest}.)
 */
class LoadRunTest {
    @Test
    @Timeout(180)
    void twoHundredAgentsAndTwoThousandJobsLoseNothing() throws Exception {
        LoadRun.Options o = LoadRun.Options.defaults(200, 2000, 8).withRunMillis(20, 200).withTimeout(150);
        LoadReport r = LoadRun.run(o, LoadProgress.none());
        System.out.print(r.table());
        assertTrue(r.ok(), r.table());
        assertEquals(2000, r.acknowledged());
        assertEquals(r.launches(), r.ends());
        assertTrue(r.launches() >= 2000, "each job has at least one task: " + r.launches());
        assertTrue(r.submitP99Ms() >= r.submitP50Ms() && r.submitP50Ms() > 0, r.table());
        assertTrue(r.heapPeakBytes() > 0);
    }
}
