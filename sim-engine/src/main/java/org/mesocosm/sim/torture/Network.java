package org.mesocosm.sim.torture;

import java.util.SplittableRandom;
import org.mesocosm.runtime.random.RandomStreams;

/**
 * The simulated links between master and agents. Before the end of the fault window a message may
 * be dropped, duplicated, delayed or held back so that later ones overtake it; afterwards every
 * link is prompt and reliable. Each decision draws from its own named stream. Partitions are the
 * run's business (it knows which agents are cut off); this class only decides per message.
 */
final class Network {
    static final long BASE_DELAY = 500;
    /** No message is ever later than this: the master's reconciliation grace must exceed twice it. */
    static final long MAX_EXTRA_DELAY = 1_000_000;

    private final SplittableRandom drop;
    private final SplittableRandom dup;
    private final SplittableRandom delay;
    private final SplittableRandom reorder;
    private final boolean dropOn, dupOn, delayOn, reorderOn;
    private final double dropP, dupP, delayP, reorderP;
    private final long faultsEnd;
    private final FaultCounts counts;

    Network(RandomStreams streams, java.util.Set<FaultKind> faults, long faultsEnd, FaultCounts counts) {
        drop = streams.stream("net-drop");
        dup = streams.stream("net-dup");
        delay = streams.stream("net-delay");
        reorder = streams.stream("net-reorder");
        SplittableRandom rates = streams.stream("net-rates");
        dropP = 0.01 + rates.nextDouble() * 0.1;
        dupP = 0.01 + rates.nextDouble() * 0.1;
        delayP = 0.05 + rates.nextDouble() * 0.3;
        reorderP = 0.05 + rates.nextDouble() * 0.2;
        dropOn = faults.contains(FaultKind.DROP);
        dupOn = faults.contains(FaultKind.DUPLICATE);
        delayOn = faults.contains(FaultKind.DELAY);
        reorderOn = faults.contains(FaultKind.REORDER);
        this.faultsEnd = faultsEnd;
        this.counts = counts;
    }

    /**
     * The delays after which copies of a message sent now arrive: none if it is lost, two if it
     * is duplicated.
     */
    long[] deliveries(long now) {
        if (now >= faultsEnd) return new long[] {BASE_DELAY};
        if (dropOn && drop.nextDouble() < dropP) {
            counts.add(FaultKind.DROP);
            return new long[0];
        }
        boolean twice = dupOn && dup.nextDouble() < dupP;
        if (twice) counts.add(FaultKind.DUPLICATE);
        long first = BASE_DELAY + extra();
        return twice ? new long[] {first, BASE_DELAY + extra()} : new long[] {first};
    }

    private long extra() {
        long x = 0;
        if (delayOn && delay.nextDouble() < delayP) {
            counts.add(FaultKind.DELAY);
            x += 1 + delay.nextLong(MAX_EXTRA_DELAY / 2);
        }
        if (reorderOn && reorder.nextDouble() < reorderP) {
            counts.add(FaultKind.REORDER);
            x += 1 + reorder.nextLong(MAX_EXTRA_DELAY / 2);
        }
        return x;
    }
}
