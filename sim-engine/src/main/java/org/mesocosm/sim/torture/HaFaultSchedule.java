package org.mesocosm.sim.torture;

import java.util.SplittableRandom;
import org.mesocosm.runtime.random.RandomStreams;
import org.mesocosm.sim.EventQueue;

/**
 * When masters crash and the links among them are cut in a replicated run, drawn up front from their own streams.
 * Which master a fault hits (the leader, a follower) is resolved when it happens, from the choices drawn here.
 */
final class HaFaultSchedule {
    /** Partition shapes among three masters. */
    static final int ISOLATE_LEADER = 0, ISOLATE_ONE = 1, CUT_ONE_LINK = 2;

    private final RandomStreams streams;
    private final TortureSettings settings;

    HaFaultSchedule(RandomStreams streams, TortureSettings settings) {
        this.streams = streams;
        this.settings = settings;
    }

    void enqueue(EventQueue<TortureEvent> q) {
        long window = settings.faultWindowMicros();
        boolean leader = settings.faults().contains(FaultKind.LEADER_CRASH);
        boolean follower = settings.faults().contains(FaultKind.FOLLOWER_CRASH);
        if (leader || follower) {
            SplittableRandom r = streams.stream("ha-fault-crashes");
            int n = 1 + r.nextInt(5);
            for (int k = 0; k < n; k++) {
                long at = r.nextLong(window);
                boolean hitsLeader = leader && (!follower || r.nextInt(3) < 2);
                q.add(at, new TortureEvent.ReplicaCrash(hitsLeader, r.nextInt(2), 500_000L + r.nextLong(15_000_000L)));
            }
        }
        if (settings.faults().contains(FaultKind.MASTER_PARTITION)) {
            SplittableRandom r = streams.stream("ha-fault-partitions");
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                long at = r.nextLong(window);
                // short ones heal before anyone notices, long ones after an election or a step-down
                q.add(at, new TortureEvent.MasterPartition(r.nextInt(3), r.nextInt(3), r.nextInt(2), 1_000_000L + r.nextLong(30_000_000L)));
            }
        }
    }
}
