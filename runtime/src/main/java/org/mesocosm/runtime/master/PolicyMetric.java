package org.mesocosm.runtime.master;

/**
 * One number a placement policy keeps about itself (offers made, rounds run, ...), for the live
 * {@code /metrics} page: the page lists what the policy reports, without knowing which policy it is.
 *
 * @param name a Prometheus metric name, e.g. {@code mesocosm_offers_total}
 * @param kind counter (only grows) or gauge
 * @param help one sentence saying what it counts
 */
public record PolicyMetric(String name, Kind kind, String help, long value) {
    public enum Kind { COUNTER, GAUGE }

    public PolicyMetric {
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) throw new IllegalArgumentException("not a Prometheus metric name: '" + name + "'");
        if (kind == Kind.COUNTER && value < 0) throw new IllegalArgumentException("counter " + name + " is negative: " + value);
    }

    public static PolicyMetric counter(String name, String help, long value) { return new PolicyMetric(name, Kind.COUNTER, help, value); }

    public static PolicyMetric gauge(String name, String help, long value) { return new PolicyMetric(name, Kind.GAUGE, help, value); }
}
