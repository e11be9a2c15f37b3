package org.mesocosm.sim.torture;

import java.util.SplittableRandom;
import org.mesocosm.runtime.random.RandomStreams;
import org.mesocosm.sim.EventQueue;

/**
 * When partitions, agent restarts and master crashes happen, drawn up front from their own
 * streams. Message faults are decided per message by the {@link Network}.
 */
final class FaultSchedule {
    private final RandomStreams streams;
    private final TortureSettings settings;
    private final int agents;

    FaultSchedule(RandomStreams streams, TortureSettings settings, int agents) {
        this.streams = streams;
        this.settings = settings;
        this.agents = agents;
    }

    void enqueue(EventQueue<TortureEvent> q) {
        long window = settings.faultWindowMicros();
        if (settings.faults().contains(FaultKind.PARTITION)) {
            SplittableRandom r = streams.stream("fault-partitions");
            int n = r.nextInt(6);
            for (int k = 0; k < n; k++) {
                int a = r.nextInt(agents);
                long at = r.nextLong(window);
                // short ones heal before the failure detector fires, long ones after
                long length = 1_000_000L + r.nextLong(30_000_000L);
                q.add(at, new TortureEvent.Partition(a, true));
                q.add(at + length, new TortureEvent.Partition(a, false));
            }
        }
        if (settings.faults().contains(FaultKind.AGENT_RESTART)) {
            SplittableRandom r = streams.stream("fault-agent-restarts");
            int n = r.nextInt(5);
            for (int k = 0; k < n; k++) {
                int a = r.nextInt(agents);
                long at = r.nextLong(window);
                q.add(at, new TortureEvent.AgentRestart(a, true));
                q.add(at + 2_000_000L + r.nextLong(25_000_000L), new TortureEvent.AgentRestart(a, false));
            }
        }
        boolean crash = settings.faults().contains(FaultKind.MASTER_CRASH);
        boolean torn = settings.faults().contains(FaultKind.TORN_WRITE);
        if (crash || torn) {
            SplittableRandom r = streams.stream("fault-master-crashes");
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                long at = r.nextLong(window);
                boolean tornWrite = torn && (!crash || r.nextBoolean());
                q.add(at, new TortureEvent.MasterCrash(true, tornWrite));
                q.add(at + 500_000L + r.nextLong(15_000_000L), new TortureEvent.MasterCrash(false, false));
            }
        }
    }
}
