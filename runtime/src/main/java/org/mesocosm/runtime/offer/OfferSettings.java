package org.mesocosm.runtime.offer;

/**
 * Settings of the offer cycle; defaults follow Mesos.
 *
 * @param allocationIntervalMicros how long the allocator batches changes before an offer round (Mesos: 1 s)
 * @param refuseMicros filter a framework sets when it declines leftovers (Mesos: 5 s)
 * @param offerTimeoutMicros an unanswered offer is rescinded after this long; 0 means never
 * @param maxTasksPerOffer a built-in framework launches at most this many tasks per offer; 0 means no limit
 */
public record OfferSettings(long allocationIntervalMicros, long refuseMicros, long offerTimeoutMicros, int maxTasksPerOffer) {
    public static final OfferSettings DEFAULT = new OfferSettings(1_000_000L, 5_000_000L, 0L, 0);

    public OfferSettings {
        if (allocationIntervalMicros < 0 || refuseMicros < 0 || offerTimeoutMicros < 0 || maxTasksPerOffer < 0) {
            throw new IllegalArgumentException("offer settings must not be negative");
        }
    }
}
