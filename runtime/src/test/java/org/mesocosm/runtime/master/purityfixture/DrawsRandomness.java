package org.mesocosm.runtime.master.purityfixture;

import java.util.Random;

/** Breaks the clock rule on purpose in {@link #unseeded} only (see CorePurityTest); {@link #seeded} is allowed. */
public final class DrawsRandomness {
    public static int unseeded() { return new Random().nextInt(); }

    public static int seeded(long seed) { return new Random(seed).nextInt(); }
}
