package org.mesocosm.runtime.master;

/**
 * Master settings that are not policy: service restart backoff, and where the master's time
 * scale sits on the calendar (for cron).
 *
 * @param serviceBackoffBaseMicros first relaunch delay after a service instance failed
 * @param serviceBackoffMaxMicros cap on the relaunch delay
 * @param serviceHealthyAfterMicros an instance that ran this long before ending resets its backoff
 * @param epochOffsetMicros master time + this = microseconds since 1970-01-01T00:00Z. The live
 *        driver feeds epoch time already (offset 0); a simulation starts at 0 and sets the date
 *        its time 0 stands for. Cron schedules are read on this calendar.
 * @param reconcileGraceMicros an agent's report of its running tasks may have been sent before a
 *        launch reached it, and overtaken by later messages; so a task placed less than this long
 *        ago is not declared lost for missing from a report. Must exceed the longest a message
 *        between master and agent can take, there and back.
 */
public record MasterConfig(long serviceBackoffBaseMicros, long serviceBackoffMaxMicros, long serviceHealthyAfterMicros,
                           long epochOffsetMicros, long reconcileGraceMicros) {
    public static final long DEFAULT_RECONCILE_GRACE = 10_000_000L;
    public static final MasterConfig DEFAULT = new MasterConfig(1_000_000L, 300_000_000L, 60_000_000L, 0L);

    public MasterConfig(long serviceBackoffBaseMicros, long serviceBackoffMaxMicros, long serviceHealthyAfterMicros,
                        long epochOffsetMicros) {
        this(serviceBackoffBaseMicros, serviceBackoffMaxMicros, serviceHealthyAfterMicros, epochOffsetMicros, DEFAULT_RECONCILE_GRACE);
    }

    public MasterConfig(long serviceBackoffBaseMicros, long serviceBackoffMaxMicros, long serviceHealthyAfterMicros) {
        this(serviceBackoffBaseMicros, serviceBackoffMaxMicros, serviceHealthyAfterMicros, 0L);
    }

    public MasterConfig withEpochOffset(long micros) {
        return new MasterConfig(serviceBackoffBaseMicros, serviceBackoffMaxMicros, serviceHealthyAfterMicros, micros, reconcileGraceMicros);
    }

    public MasterConfig {
        if (serviceBackoffBaseMicros < 0 || serviceBackoffMaxMicros < serviceBackoffBaseMicros || serviceHealthyAfterMicros < 0
                || reconcileGraceMicros < 0) {
            throw new IllegalArgumentException("invalid backoff settings");
        }
    }
}
