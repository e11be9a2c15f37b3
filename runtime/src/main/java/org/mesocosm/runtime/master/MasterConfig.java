package org.mesocosm.runtime.master;

/**
 * Master settings that are not policy: service restart backoff.
 *
 * @param serviceBackoffBaseMicros first relaunch delay after a service instance failed
 * @param serviceBackoffMaxMicros cap on the relaunch delay
 * @param serviceHealthyAfterMicros an instance that ran this long before ending resets its backoff
 */
public record MasterConfig(long serviceBackoffBaseMicros, long serviceBackoffMaxMicros, long serviceHealthyAfterMicros) {
    public static final MasterConfig DEFAULT = new MasterConfig(1_000_000L, 300_000_000L, 60_000_000L);

    public MasterConfig {
        if (serviceBackoffBaseMicros < 0 || serviceBackoffMaxMicros < serviceBackoffBaseMicros || serviceHealthyAfterMicros < 0) {
            throw new IllegalArgumentException("invalid backoff settings");
        }
    }
}
