package org.mesocosm.runtime.master.purityfixture;

import io.prometheus.metrics.core.metrics.Counter;

/** Breaks the core rules on purpose (see CorePurityTest): a core class that counts with the Prometheus client. */
public final class UsesThePrometheusClient {
    private final Counter placed = Counter.builder().name("fixture_placed_total").help("Placements.").build();

    public void placed() { placed.inc(); }
}
