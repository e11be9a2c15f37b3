package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.SimulateCommandTest.Run;

/** Issue 17 §1 through the CLI: --decision-time, what summary.json says about it, and bad values. */
class DecisionTimeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode simulate(Path out, String... extra) throws IOException {
        String[] base = {"simulate", "--nodes", "20", "--seed", "5", "--out", out.toString(), "--quiet", "--no-report"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Run r = SimulateCommandTest.run(args);
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void measuredSaysSoAndThatItsDigestIsNotReproducible(@TempDir Path tmp) throws IOException {
        JsonNode s = simulate(tmp.resolve("m"), "--policy", "k8s", "--decision-time", "measured");
        assertEquals("measured", s.get("decision_time").asText());
        assertFalse(s.get("decision_time_reproducible").asBoolean());
        assertTrue(s.get("decision_time_note").asText().contains("not reproducible"), s.get("decision_time_note").asText());
        assertTrue(s.get("schedulers").has("k8s"), s.toString());
    }

    @Test
    void zeroAndModelAreReproducibleAndCarryThePerSchedulerMetrics(@TempDir Path tmp) throws IOException {
        JsonNode z = simulate(tmp.resolve("z"));
        assertEquals("zero", z.get("decision_time").asText());
        assertTrue(z.get("decision_time_reproducible").asBoolean());
        assertFalse(z.has("decision_time_note"));
        assertEquals(0.0, z.get("busyness").asDouble());
        JsonNode m = simulate(tmp.resolve("m"), "--decision-time", "model:job=100ms,task=5ms");
        assertEquals("model", m.get("decision_time").asText());
        assertEquals("model:job=100ms,task=5ms,per=scheduler,max-attempts=1000", m.get("decision_time_spec").asText());
        assertTrue(m.get("busyness").asDouble() > 0, m.toString());
        for (String k : new String[] {"job_wait_first_s", "job_wait_full_s"}) {
            assertTrue(m.get(k).get("mean").asDouble() > 0 && m.get(k).has("p90") && m.get(k).get("n").asInt() > 0, k + ": " + m.get(k));
        }
        assertTrue(m.get("attempts_per_job").has("p99"));
        assertEquals(0, m.get("jobs_abandoned").asInt());
        JsonNode again = simulate(tmp.resolve("m2"), "--decision-time", "model:job=100ms,task=5ms");
        assertEquals(m.get("event_log_sha256").asText(), again.get("event_log_sha256").asText());
        assertFalse(m.get("event_log_sha256").asText().equals(z.get("event_log_sha256").asText()));
    }

    @Test
    void aBadValueIsOneLineNamingTheOptionAndExitTwo() {
        Run r = SimulateCommandTest.run("simulate", "--quiet", "--decision-time", "model:job=fast");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--decision-time model:job=fast: job=fast: not a duration"), r.err());
        Run u = SimulateCommandTest.run("simulate", "--quiet", "--decision-time", "sometimes");
        assertEquals(2, u.exit());
        assertTrue(u.err().contains("unknown mode 'sometimes'"), u.err());
    }

    @Test
    void monoPathsNeedAModel() {
        Run r = SimulateCommandTest.run("simulate", "--quiet", "--policy", "mono:paths=service:t_job=1s,batch:t_job=100ms");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("needs --decision-time model"), r.err());
    }
}
