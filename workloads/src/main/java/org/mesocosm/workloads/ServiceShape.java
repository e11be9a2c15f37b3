package org.mesocosm.workloads;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.model.Resources;

/**
 * What long-running services look like. Services are already there when a cluster is observed,
 * so they arrive during a short ramp at the start rather than throughout: otherwise their
 * steady share would grow over the whole experiment instead of being a fixed backdrop for batch.
 *
 * <p>Illustrative defaults, not fitted to a trace: few jobs with larger tasks than batch and
 * several replicas each, a steady backdrop to the many short batch jobs.
 *
 * @param roles tenants owning services, with their share of services
 * @param requests replica shapes with their share of services
 * @param minInstances fewest replicas of one service
 * @param maxInstances most replicas of one service (uniform in between)
 * @param priority priority of every service
 * @param rampMicros services arrive, as a Poisson process, over about this long from time 0
 */
public record ServiceShape(List<Weighted<String>> roles, List<Weighted<Resources>> requests,
                           int minInstances, int maxInstances, int priority, long rampMicros) {

    public ServiceShape {
        roles = Weighted.requireTable(roles, "service role");
        requests = Weighted.requireTable(requests, "service request");
        for (Weighted<String> r : roles) {
            if (r.value().isBlank()) throw new IllegalArgumentException("service role names must not be blank");
        }
        for (Weighted<Resources> r : requests) {
            if (r.value().cpuMillis() == 0 && r.value().memMiB() == 0) {
                throw new IllegalArgumentException("service request " + r.value() + " asks for neither cpu nor memory");
            }
        }
        if (minInstances < 1) throw new IllegalArgumentException("minInstances must be >= 1: " + minInstances);
        if (maxInstances < minInstances) {
            throw new IllegalArgumentException("maxInstances " + maxInstances + " < minInstances " + minInstances);
        }
        if (rampMicros < 1) throw new IllegalArgumentException("rampMicros must be >= 1: " + rampMicros);
    }

    public static ServiceShape defaults() {
        return new ServiceShape(
                List.of(Weighted.of("web", 1.0)),
                List.of(Weighted.of(Resources.of(1000, 2048), 0.25),
                        Weighted.of(Resources.of(2000, 4096), 0.30),
                        Weighted.of(Resources.of(4000, 8192), 0.20),
                        Weighted.of(Resources.of(2000, 8192), 0.15),    // caches: memory-heavy
                        Weighted.of(Resources.of(8000, 16384), 0.10)),
                2, 32, 200, 10 * 60 * 1_000_000L);
    }

    /** Drops the shapes that cannot fit on one node. */
    public ServiceShape fitting(Resources node) {
        List<Weighted<Resources>> kept = new ArrayList<>();
        for (Weighted<Resources> r : requests) if (node.fits(r.value())) kept.add(r);
        if (kept.isEmpty()) throw new IllegalArgumentException("no service replica shape fits on a node of " + node);
        return new ServiceShape(roles, kept, minInstances, maxInstances, priority, rampMicros);
    }
}
