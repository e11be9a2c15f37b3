package org.mesocosm.sim.torture;

import java.util.Set;
import java.util.SplittableRandom;
import org.mesocosm.runtime.random.RandomStreams;

/**
 * The simulated links among the masters of a replicated run. Before the end of the fault window a message may be
 * lost or arrive late (so that later ones overtake it), each decision on its own named stream; a link may be cut
 * (a partition), and a message arriving over a cut link is lost. Afterwards every link is prompt and reliable.
 */
final class PeerNetwork {
    static final long BASE_DELAY = 300;
    static final long MAX_EXTRA_DELAY = 800_000;

    private final SplittableRandom drop;
    private final SplittableRandom delay;
    private final boolean dropOn, delayOn;
    private final double dropP, delayP;
    private final long faultsEnd;
    private final FaultCounts counts;
    /** How many partitions currently cut the link between two masters (they may overlap). */
    private final int[][] cuts;

    PeerNetwork(RandomStreams streams, Set<FaultKind> faults, long faultsEnd, FaultCounts counts, int masters) {
        drop = streams.stream("ha-net-drop");
        delay = streams.stream("ha-net-delay");
        SplittableRandom rates = streams.stream("ha-net-rates");
        dropP = 0.01 + rates.nextDouble() * 0.1;
        delayP = 0.05 + rates.nextDouble() * 0.3;
        dropOn = faults.contains(FaultKind.PEER_DROP);
        delayOn = faults.contains(FaultKind.PEER_DELAY);
        this.faultsEnd = faultsEnd;
        this.counts = counts;
        this.cuts = new int[masters][masters];
    }

    /** The delay after which a message sent now arrives, or -1 if it is lost. */
    long delivery(long now) {
        if (now >= faultsEnd) return BASE_DELAY;
        if (dropOn && drop.nextDouble() < dropP) {
            counts.add(FaultKind.PEER_DROP);
            return -1;
        }
        if (delayOn && delay.nextDouble() < delayP) {
            counts.add(FaultKind.PEER_DELAY);
            return BASE_DELAY + 1 + delay.nextLong(MAX_EXTRA_DELAY);
        }
        return BASE_DELAY;
    }

    boolean cut(int a, int b) { return cuts[a][b] > 0; }

    void cut(int a, int b, boolean on) {
        int d = on ? 1 : -1;
        cuts[a][b] = Math.max(0, cuts[a][b] + d);
        cuts[b][a] = Math.max(0, cuts[b][a] + d);
    }

    void healAll() {
        for (int[] row : cuts) java.util.Arrays.fill(row, 0);
    }
}
