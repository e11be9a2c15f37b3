package org.mesocosm.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.model.PlacementConstraint;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.junit.jupiter.api.Test;

/**
 * Quotas, reservations and placement constraints of {@code drf} over many seeded random clusters,
 * workloads and configurations ({@link OfferPolicyScenario}), checked from the master's own
 * state after every event (and at every placement, for GROUP_BY, whose rule is about the moment
 * of placement). A failure names the seed and the policy string to reproduce it. Counters at the
 * end make sure the cases did reach the limits, use the reservations and place constrained tasks,
 * so that the checks were not vacuous.
 */
class OfferPolicyPropertyTest {
    static final int SEEDS = Integer.getInteger("mesocosm.offer.seeds", 60);

    /** How often the checks had something to bite on. */
    static final class Coverage {
        int limitedRolesNearLimit, limitedRoles, reservedUsedByOwner, constrainedPlacements, groupByRepeats;
    }

    @Test
    void limitsReservationsAndConstraintsHoldForManyRandomCases() {
        Coverage cov = new Coverage();
        for (long seed = 1; seed <= SEEDS; seed++) {
            OfferPolicyScenario sc = new OfferPolicyScenario(seed);
            try {
                run(sc, cov);
            } catch (Throwable e) {
                throw new AssertionError("seed " + seed + " (reproduce with new OfferPolicyScenario(" + seed + "), policy "
                        + sc.policy + "): " + e.getMessage(), e);
            }
        }
        System.out.printf("offer policy properties over %d seeds: %d of %d limited roles came within 4 cores or 4 GiB of their limit,"
                + " %d placements where the role holds a reservation, %d constrained placements, %d GROUP_BY repeats%n", SEEDS,
                cov.limitedRolesNearLimit, cov.limitedRoles, cov.reservedUsedByOwner, cov.constrainedPlacements, cov.groupByRepeats);
        assertTrue(cov.limitedRolesNearLimit * 4 >= cov.limitedRoles, "limits were rarely reached: the test would not notice a leak");
        assertTrue(cov.reservedUsedByOwner > 100, "reservations were hardly used by their roles");
        assertTrue(cov.constrainedPlacements > 1000 && cov.groupByRepeats > 20, "too few constrained placements");
    }

    static void run(OfferPolicyScenario sc, Coverage cov) {
        OfferAllocator alloc = (OfferAllocator) PolicyRegistry.load().create(sc.policy);
        Simulation[] sim = new Simulation[1];
        Map<String, Boolean> nearLimit = new TreeMap<>();
        for (String role : sc.limits.keySet()) nearLimit.put(role, false);
        // a limit, a reservation or a constraint can only be broken by a placement: check each one, against everything placed so far
        MasterObserver placements = new MasterObserver() {
            @Override
            public void taskPlaced(long now, Task task) {
                Master master = sim[0].master();
                checkLimits(sc, master, task.role(), nearLimit);
                checkReservations(sc, task, cov);
                if (task.spec().constraints().isEmpty()) return;
                cov.constrainedPlacements++;
                checkConstraints(master, task);
                checkGroupByAtPlacement(master, task, cov);
            }
        };
        sim[0] = new Simulation(sc.config(), sc.workload(), alloc, new MetricsRecorder(TaskRowSink.NONE), List.of(placements));
        // offers count against limits too: the allocator's own account, after every event
        sim[0].probe((now, master, machines) -> {
            for (Map.Entry<String, Resources> l : sc.limits.entrySet()) {
                Resources held = alloc.allocation(l.getKey());
                if (!l.getValue().fits(held)) fail("role " + l.getKey() + " holds " + held + " (tasks and offers) over its limit " + l.getValue());
            }
        });
        sim[0].run();
        cov.limitedRoles += nearLimit.size();
        for (boolean near : nearLimit.values()) if (near) cov.limitedRolesNearLimit++;
    }

    /** No role on the path of {@code placedRole} runs more than its limit, counting the active tasks of its whole subtree. */
    static void checkLimits(OfferPolicyScenario sc, Master master, String placedRole, Map<String, Boolean> nearLimit) {
        for (Map.Entry<String, Resources> l : sc.limits.entrySet()) {
            if (!OfferPolicyScenario.entitled(placedRole, l.getKey())) continue;
            Resources used = Resources.ZERO;
            long largest = 0;
            for (Task t : master.liveTasks()) {
                if (!t.state().isActive() || !OfferPolicyScenario.entitled(t.role(), l.getKey())) continue;
                used = used.plus(t.request());
                largest = Math.max(largest, Math.max(t.request().cpuMillis(), t.request().memMiB()));
            }
            Resources limit = l.getValue();
            if (!limit.fits(used)) fail("role " + l.getKey() + " runs " + used + " over its limit " + limit);
            // within 4 cores / 4 GiB of the limit on some dimension: the limit was what stopped it
            if (used.cpuMillis() + 4000 > limit.cpuMillis() || used.memMiB() + 4096 > limit.memMiB()) nearLimit.put(l.getKey(), true);
        }
    }

    /**
     * On the agent of a placement, for every reservation slot: the tasks not entitled to it fit in what
     * the agent has outside it, and the tasks entitled to no slot fit outside all of them. Slots are the rules
     * that match the agent, each clipped to what the earlier ones left (as documented for {@code reserve}).
     */
    static void checkReservations(OfferPolicyScenario sc, Task placed, Coverage cov) {
        if (sc.reserves.isEmpty()) return;
        Agent a = placed.agent();
        List<String> slotRoles = new ArrayList<>();
        List<Resources> slotAmounts = new ArrayList<>();
        Resources left = a.total();
        for (OfferPolicyScenario.Reserve r : sc.reserves) {
            boolean matches = r.attribute() == null
                    || (r.attribute().equals("hostname") ? a.id().equals(r.value()) : r.value().equals(a.attributes().get(r.attribute())));
            if (!matches) continue;
            Resources amount = Resources.min(r.amount(), left);
            left = left.minus(amount);
            slotRoles.add(r.role());
            slotAmounts.add(amount);
        }
        if (slotRoles.isEmpty()) return;
        for (String role : slotRoles) {
            if (OfferPolicyScenario.entitled(placed.role(), role)) {
                cov.reservedUsedByOwner++;
                break;
            }
        }
        Resources unentitled = Resources.ZERO;
        for (Task t : a.tasks()) {
            boolean any = false;
            for (String role : slotRoles) any |= OfferPolicyScenario.entitled(t.role(), role);
            if (!any) unentitled = unentitled.plus(t.request());
        }
        if (!left.fits(unentitled)) fail("on " + a.id() + " tasks of roles without a reservation use " + unentitled
                + " but only " + left + " is unreserved (slots " + slotRoles + " " + slotAmounts + ")");
        for (int i = 0; i < slotRoles.size(); i++) {
            Resources others = Resources.ZERO;
            for (Task t : a.tasks()) if (!OfferPolicyScenario.entitled(t.role(), slotRoles.get(i))) others = others.plus(t.request());
            Resources outside = a.total().minus(slotAmounts.get(i));
            if (!outside.fits(others)) fail("on " + a.id() + " roles other than " + slotRoles.get(i) + " use " + others
                    + " of the " + outside + " outside its reservation of " + slotAmounts.get(i));
        }
    }

    static String value(Agent a, String field) {
        return field.equals("hostname") ? a.id() : a.attributes().get(field);
    }

    /** The active instances of the placed task's app (job, task group) satisfy every constraint that is a standing rule. */
    static void checkConstraints(Master master, Task placed) {
        Map<String, List<Task>> apps = new TreeMap<>();
        for (Task t : master.liveTasks()) {
            if (t.state().isActive() && t.jobId().equals(placed.jobId()) && t.spec().name().equals(placed.spec().name())) {
                apps.computeIfAbsent(t.jobId() + "/" + t.spec().name(), k -> new ArrayList<>()).add(t);
            }
        }
        for (Map.Entry<String, List<Task>> app : apps.entrySet()) {
            List<Task> tasks = app.getValue();
            for (String spec : tasks.get(0).spec().constraints()) {
                PlacementConstraint c = PlacementConstraint.parse(spec);
                Map<String, Integer> perValue = new TreeMap<>();
                for (Task t : tasks) {
                    String v = value(t.agent(), c.field());
                    boolean ok = switch (c.operator()) {
                        case LIKE -> v != null && v.matches(c.value());
                        case UNLIKE -> v == null || !v.matches(c.value());
                        case CLUSTER -> v != null && (c.value() == null || c.value().equals(v));
                        default -> v != null;
                    };
                    if (!ok) fail(app.getKey() + " has an instance on " + t.agent().id() + " (" + c.field() + "=" + v + ") against " + spec);
                    if (v != null) perValue.merge(v, 1, Integer::sum);
                }
                int max = perValue.values().stream().mapToInt(Integer::intValue).max().orElse(0);
                switch (c.operator()) {
                    case UNIQUE -> { if (max > 1) fail(app.getKey() + " breaks " + spec + ": " + perValue); }
                    case MAX_PER -> { if (max > c.number()) fail(app.getKey() + " breaks " + spec + ": " + perValue); }
                    case CLUSTER -> { if (perValue.size() > 1) fail(app.getKey() + " breaks " + spec + ": " + perValue); }
                    default -> { }
                }
            }
        }
    }

    /**
     * Marathon's GROUP_BY, at the moment of placement: a value that already has instances gets
     * another only once enough values are in use (n, or every value among the agents that are up)
     * and it has the fewest instances.
     */
    static void checkGroupByAtPlacement(Master master, Task placed, Coverage cov) {
        for (String spec : placed.spec().constraints()) {
            PlacementConstraint c = PlacementConstraint.parse(spec);
            if (c.operator() != PlacementConstraint.Operator.GROUP_BY) continue;
            Map<String, Integer> perValue = new TreeMap<>();
            for (Task t : master.liveTasks()) {
                if (t == placed || !t.state().isActive() || !t.jobId().equals(placed.jobId()) || !t.spec().name().equals(placed.spec().name())) continue;
                String v = value(t.agent(), c.field());
                if (v != null) perValue.merge(v, 1, Integer::sum);
            }
            String here = value(placed.agent(), c.field());
            if (here == null) fail(placed + " placed on " + placed.agent().id() + " without " + c.field() + " against " + spec);
            int count = perValue.getOrDefault(here, 0);
            if (count == 0) continue;
            cov.groupByRepeats++;
            Set<String> values = new TreeSet<>();
            for (Agent a : master.cluster().agents()) if (a.isUp() && value(a, c.field()) != null) values.add(value(a, c.field()));
            int wanted = c.number() > 0 ? c.number() : values.size();
            int min = perValue.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            if (perValue.size() < wanted || count != min) {
                fail(placed + " is instance " + (count + 1) + " on " + c.field() + "=" + here + " while " + perValue + " (" + wanted
                        + " values wanted) against " + spec);
            }
        }
    }
}
