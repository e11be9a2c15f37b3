package org.mesocosm.policies.borg;

/**
 * Where the bands begin on the priority scale: {@code priority >= production} is production,
 * {@code >= batch} is batch, anything lower is best effort. The defaults match the mixed
 * workload (services at 200, batch at 100, best effort at 0).
 */
public record Bands(int production, int batch) {
    public static final Bands DEFAULT = new Bands(200, 100);

    public Bands {
        if (batch >= production) throw new IllegalArgumentException("the batch band must start below production: " + batch + " >= " + production);
    }

    public Band of(int priority) {
        if (priority >= production) return Band.PRODUCTION;
        if (priority >= batch) return Band.BATCH;
        return Band.BEST_EFFORT;
    }
}
