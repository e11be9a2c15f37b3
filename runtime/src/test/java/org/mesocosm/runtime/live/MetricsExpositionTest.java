package org.mesocosm.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.spec.JobSpecReader;
import org.mesocosm.runtime.spec.ParsedJob;

/** The master's /metrics page, read back strictly: Prometheus names, base units, types, and the JVM's metrics. */
class MetricsExpositionTest {
    /** Places each task on the first agent, in arrival order, and reports its own numbers as a policy does. */
    static final class FirstAgent implements PlacementPolicy {
        private PlacementContext ctx;
        private final ArrayDeque<Task> waiting = new ArrayDeque<>();
        private long placed;

        @Override public String name() { return "first-agent"; }
        @Override public void init(PlacementContext ctx) { this.ctx = ctx; }
        @Override public void taskPending(Task task) { waiting.add(task); place(); }
        @Override public void taskWithdrawn(Task task) { waiting.remove(task); }
        @Override public void taskReleased(Task task) {}
        @Override public void agentAdded(Agent agent) { place(); }
        @Override public void agentRemoved(Agent agent) {}

        private void place() {
            for (Agent a : ctx.cluster().agents()) {
                while (a.isUp() && !waiting.isEmpty()) {
                    ctx.launch(waiting.poll(), a);
                    placed++;
                }
            }
        }

        @Override
        public List<PolicyMetric> metrics() {
            return List.of(PolicyMetric.counter("mesocosm_first_agent_placements_total", "Tasks placed.", placed),
                    PolicyMetric.gauge("mesocosm_first_agent_waiting", "Tasks waiting for an agent.", waiting.size()));
        }
    }

    @Test
    void theExpositionIsStrictPrometheusTextWithBaseUnits() throws Exception {
        ParsedJob job = JobSpecReader.read("{\"kind\": \"batch\", \"tasks\": [{\"name\": \"a\", \"instances\": 3, \"cpus\": 0.5, \"mem\": 256, \"command\": \"true\"}]}");
        long[] clock = {1_700_000_000_000_000L};
        String text;
        try (LiveDriver d = new LiveDriver(LiveDriver.Settings.defaults("first-agent"), new FirstAgent(), () -> clock[0], null)) {
            d.call(() -> d.jobs().submit(job));
            clock[0] += 2_000_000; // the tasks wait two seconds for an agent
            d.call(() -> d.agents().register("a1", Resources.of(4_000, 8_192), Map.of(), List.of()));
            text = d.call(() -> Metrics.render(d));
        }
        Map<String, PrometheusText.Family> fams = PrometheusText.parse(text);

        for (PrometheusText.Family f : fams.values()) {
            if (f.type().equals("counter")) assertTrue(f.name().endsWith("_total"), "counter " + f.name());
            else assertFalse(f.name().endsWith("_total"), f.type() + " " + f.name());
            assertFalse(f.help() == null || f.help().isBlank(), "no help: " + f.name());
            assertFalse(f.name().matches(".*(millicores|mebibytes|_ms|_micros|_mib)(_total)?$"), "not a base unit: " + f.name());
        }
        assertEquals(4.0, value(fams, "mesocosm_cpu_cores", "gauge", "kind", "total"));
        assertEquals(1.5, value(fams, "mesocosm_cpu_cores", "gauge", "kind", "allocated"));
        assertEquals(8_192.0 * 1024 * 1024, value(fams, "mesocosm_memory_bytes", "gauge", "kind", "total"));
        assertEquals(3 * 256.0 * 1024 * 1024, value(fams, "mesocosm_memory_bytes", "gauge", "kind", "allocated"));
        assertEquals(1.0, value(fams, "mesocosm_agents", "gauge", "state", "up"));
        assertEquals(0.0, value(fams, "mesocosm_agents", "gauge", "state", "lost"));
        assertEquals(3.0, value(fams, "mesocosm_tasks", "gauge", "state", "STAGING"));
        assertEquals(1.0, value(fams, "mesocosm_jobs_submitted_total", "counter"));
        assertTrue(value(fams, "mesocosm_inputs_total", "counter") >= 2);
        assertEquals(0.0, value(fams, "mesocosm_master_errors_total", "counter"));
        // the policy's own numbers, through PlacementPolicy.metrics()
        assertEquals(3.0, value(fams, "mesocosm_first_agent_placements_total", "counter"));
        assertEquals(0.0, value(fams, "mesocosm_first_agent_waiting", "gauge"));

        // three tasks waited two seconds for the agent: all in the buckets from 2.5 s up, none below
        PrometheusText.Family h = family(fams, "mesocosm_scheduling_latency_seconds", "histogram");
        double previous = 0;
        for (PrometheusText.Sample s : h.samples()) {
            if (!s.name().endsWith("_bucket")) continue;
            double le = s.labels().get("le").equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(s.labels().get("le"));
            assertTrue(s.value() >= previous, "buckets are cumulative: " + s);
            assertEquals(le < 2 ? 0.0 : 3.0, s.value(), "bucket le=" + le);
            previous = s.value();
        }
        assertEquals(3.0, sample(h, "mesocosm_scheduling_latency_seconds_count").value());
        assertEquals(6.0, sample(h, "mesocosm_scheduling_latency_seconds_sum").value(), 1e-9);
        assertEquals(0.0, sample(family(fams, "mesocosm_start_latency_seconds", "histogram"), "mesocosm_start_latency_seconds_count").value());

        // the JVM's metrics, from the client's JVM instrumentation
        assertTrue(value(fams, "jvm_memory_used_bytes", "gauge", "area", "heap") > 0);
        assertTrue(value(fams, "jvm_threads_current", "gauge") > 0);
        assertNotNull(family(fams, "process_cpu_seconds_total", "counter"));
    }

    @Test
    void theStrictReaderRejectsWhatPrometheusWouldNot() {
        String ok = "# HELP x_total Things.\n# TYPE x_total counter\nx_total 1.0\n";
        assertEquals(1.0, PrometheusText.parse(ok).get("x_total").samples().get(0).value());
        assertThrows(AssertionError.class, () -> PrometheusText.parse("x_total 1\n"), "a sample before its TYPE");
        assertThrows(AssertionError.class, () -> PrometheusText.parse("# HELP x_total T.\n# TYPE x_total counter\nx_count 1\n"), "a foreign suffix");
        assertThrows(AssertionError.class, () -> PrometheusText.parse("# HELP x T.\n# TYPE x gauge\nx{a=\"1\" 1\n"), "an open label set");
        assertThrows(AssertionError.class, () -> PrometheusText.parse("# HELP x T.\n# TYPE x gauge\nx 1,5\n"), "a decimal comma");
        assertThrows(AssertionError.class, () -> PrometheusText.parse("# HELP x T.\n# TYPE x gauge\nx 1"), "no final newline");
        assertThrows(AssertionError.class, () -> PrometheusText.parse("# HELP x T.\n# TYPE x gauge\n"), "a family without samples");
    }

    private static PrometheusText.Family family(Map<String, PrometheusText.Family> fams, String name, String type) {
        PrometheusText.Family f = fams.get(name);
        assertNotNull(f, "no family " + name + " in " + fams.keySet());
        assertEquals(type, f.type(), name);
        return f;
    }

    private static PrometheusText.Sample sample(PrometheusText.Family f, String name, String... labels) {
        Map<String, String> want = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) want.put(labels[i], labels[i + 1]);
        return f.samples().stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(want.entrySet()))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + name + want + " in " + f.samples()));
    }

    private static double value(Map<String, PrometheusText.Family> fams, String name, String type, String... labels) {
        return sample(family(fams, name, type), name, labels).value();
    }
}
