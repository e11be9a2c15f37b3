package org.mesocosm.runtime.offer;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.model.Resources;

/**
 * How the allocator treats roles: weights, quotas and static reservations, all keyed by role
 * path ({@code eng}, {@code eng/batch}). Maps are kept sorted so that nothing depends on hash order.
 *
 * @param weights DRF weight of a role among its siblings (default 1)
 * @param quotas guarantee and limit per role path
 * @param reservations parts of agents' resources set aside for a role and its descendants
 */
public record AllocatorConfig(Map<String, Double> weights, Map<String, Quota> quotas, List<Reservation> reservations) {

    public static final AllocatorConfig NONE = new AllocatorConfig(Map.of(), Map.of(), List.of());

    /**
     * Mesos-style quota of one role (and its subtree).
     *
     * @param guarantee allocated to the role before fair sharing, and kept aside as headroom while unmet; null = none
     * @param limit never allocated (or offered) beyond; null = none
     */
    public record Quota(Resources guarantee, Resources limit) {
        public Quota {
            if (guarantee != null && limit != null && !limit.fits(guarantee)) {
                throw new IllegalArgumentException("guarantee " + guarantee + " exceeds limit " + limit);
            }
        }
    }

    /**
     * A static reservation: on every agent that matches, {@code amount} is offered only to {@code role}
     * and its descendants (clipped to what the agent has left after earlier reservations).
     *
     * @param attribute agent attribute to match, {@code hostname} for the agent id, or null for every agent
     */
    public record Reservation(String role, Resources amount, String attribute, String value) {
        public Reservation {
            checkRole(role);
            if (amount == null || amount.isZero()) throw new IllegalArgumentException("reservation for '" + role + "' reserves nothing");
            if ((attribute == null) != (value == null)) throw new IllegalArgumentException("reservation for '" + role + "': attribute without value");
        }

        public boolean matches(Agent a) {
            if (attribute == null) return true;
            return attribute.equals("hostname") ? a.id().equals(value) : value.equals(a.attributes().get(attribute));
        }

        /** True when tasks of {@code taskRole} may use this reservation: the role itself or a descendant. */
        public boolean entitles(String taskRole) {
            return taskRole.equals(role) || (taskRole.startsWith(role) && taskRole.charAt(role.length()) == '/');
        }
    }

    public AllocatorConfig {
        Map<String, Double> w = new TreeMap<>(weights);
        w.forEach((role, v) -> {
            checkRole(role);
            if (!(v > 0) || v.isInfinite()) throw new IllegalArgumentException("weight of role '" + role + "' must be > 0: " + v);
        });
        Map<String, Quota> q = new TreeMap<>(quotas);
        q.keySet().forEach(AllocatorConfig::checkRole);
        weights = Collections.unmodifiableMap(w);
        quotas = Collections.unmodifiableMap(q);
        reservations = List.copyOf(reservations);
    }

    public double weight(String role) {
        return weights.getOrDefault(role, 1.0);
    }

    static void checkRole(String role) {
        if (role == null || role.isBlank() || role.startsWith("/") || role.endsWith("/") || role.contains("//")) {
            throw new IllegalArgumentException("'" + role + "' is not a role path (e.g. eng or eng/batch)");
        }
    }
}
