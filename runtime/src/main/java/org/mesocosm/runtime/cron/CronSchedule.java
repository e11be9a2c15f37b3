package org.mesocosm.runtime.cron;

import java.time.ZoneId;
import java.util.Objects;

/**
 * When a cron job runs: an expression read in a time zone, and what to do when a run is still
 * going at the next firing.
 */
public record CronSchedule(CronExpression expression, ZoneId zone, ConcurrencyPolicy concurrency) {
    public CronSchedule {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(concurrency, "concurrency");
    }

    /** The next firing strictly after {@code epochMicros} (microseconds since 1970-01-01T00:00Z). */
    public long nextAfter(long epochMicros) {
        return expression.nextAfter(epochMicros, zone);
    }
}
