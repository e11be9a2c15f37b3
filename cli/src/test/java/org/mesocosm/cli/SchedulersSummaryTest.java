package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.SimulateCommandTest.Run;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.sim.decision.DecisionTime;
import org.mesocosm.sim.decision.TimedScheduler;

/** Issue 17: summary.json's {@code schedulers} (one entry per lane) and {@code policy_metrics}. */
class SchedulersSummaryTest {
    private static final List<String> SCHEDULER_KEYS = List.of("busyness", "busyness_useful", "busyness_wasted", "busy_s", "decisions",
            "job_wait_first_s", "job_wait_full_s", "job_wait_first_s_by_kind", "job_wait_full_s_by_kind", "attempts_per_job",
            "jobs_abandoned", "jobs_not_fully_placed_at_end");

    /** A policy with two schedulers that never receives work: only the shape of the summary is under test. */
    private static final class TwoLanes implements PlacementPolicy {
        @Override public String name() { return "two"; }
        @Override public void init(PlacementContext ctx) {
            ctx.lane("service", null);
            ctx.lane("batch", null);
        }
        @Override public void taskPending(Task task) {}
        @Override public void taskWithdrawn(Task task) {}
        @Override public void taskReleased(Task task) {}
        @Override public void agentAdded(Agent agent) {}
        @Override public void agentRemoved(Agent agent) {}
        @Override public List<PolicyMetric> metrics() {
            return List.of(PolicyMetric.counter("mesocosm_omega_service_conflicts_total", "conflicts", 3));
        }
    }

    private static PlacementContext master() {
        return new PlacementContext() {
            @Override public long now() { return 0; }
            @Override public Cluster cluster() { return null; }
            @Override public void launch(Task task, Agent agent) {}
            @Override public void attach(Task task, Object record) {}
            @Override public void holdForOffer(Agent agent, Resources resources) {}
            @Override public void releaseOffer(Agent agent, Resources resources) {}
            @Override public void preempt(Task victim, Task preemptor) {}
            @Override public long schedule(long delayMicros, Runnable action) { return 0; }
            @Override public void cancel(long timerId) {}
        };
    }

    @Test
    void aPolicyWithLanesHasOneSchedulerEntryPerLaneAndItsMetrics() {
        TimedScheduler timed = new TimedScheduler(new TwoLanes(), DecisionTime.model(100_000, 5_000));
        timed.init(master());
        Map<String, Object> summary = new LinkedHashMap<>();
        SimulationRunner.putDecisionTime(summary, timed.decisionTime(), timed, 1_000_000);
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> schedulers = (Map<String, Map<String, Object>>) summary.get("schedulers");
        assertEquals(List.of("service", "batch"), new ArrayList<>(schedulers.keySet()));
        for (Map<String, Object> lane : schedulers.values()) assertTrue(lane.keySet().containsAll(SCHEDULER_KEYS), lane.keySet().toString());
        assertEquals(2, summary.get("lanes"));
        assertEquals(Map.of("mesocosm_omega_service_conflicts_total", 3L), summary.get("policy_metrics"));
    }

    @Test
    void aPolicyWithoutLanesHasItsOwnEntryAndDrfReportsItsOffers(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("drf");
        Run r = SimulateCommandTest.run("simulate", "--nodes", "20", "--seed", "5", "--policy", "drf", "--out", out.toString(), "--quiet",
                "--no-report");
        assertEquals(0, r.exit(), r.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(List.of("drf"), names(s.get("schedulers")));
        for (String k : SCHEDULER_KEYS) assertTrue(s.get("schedulers").get("drf").has(k), k);
        assertTrue(s.get("policy_metrics").get("mesocosm_offers_total").asLong() > 0, s.get("policy_metrics").toString());
    }

    private static List<String> names(JsonNode o) {
        List<String> n = new ArrayList<>();
        o.fieldNames().forEachRemaining(n::add);
        return n;
    }
}
