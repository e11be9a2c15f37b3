package org.mesocosm.runtime.live;

import org.mesocosm.runtime.log.DurableInputLog;
import org.mesocosm.runtime.log.GroupCommit;

/**
 * How the live master persists its inputs.
 *
 * @param maxBatch most records forced by one fsync (group commit); 1 forces every record on its own
 * @param snapshotEvery compact the log into its snapshot after this many records; 0 = never
 * @param fsync force records to stable storage before acknowledging them; off only where losing
 *        the page cache is not a concern (tests of process crashes, benchmarks of the rest)
 */
public record Durability(int maxBatch, long snapshotEvery, boolean fsync) {
    public static final Durability DEFAULT = new Durability(GroupCommit.DEFAULT_MAX_BATCH, 10_000, true);

    public Durability {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1");
        if (snapshotEvery < 0) throw new IllegalArgumentException("snapshotEvery must not be negative");
    }

    /** An fsync for every record: the baseline group commit is measured against. */
    public Durability perRecord() { return new Durability(1, snapshotEvery, fsync); }

    public Durability withSnapshotEvery(long n) { return new Durability(maxBatch, n, fsync); }

    DurableInputLog.Options options() { return new DurableInputLog.Options(fsync, snapshotEvery); }
}
