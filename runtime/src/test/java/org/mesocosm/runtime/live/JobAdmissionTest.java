package org.mesocosm.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.StateLog;
import org.mesocosm.runtime.master.FirstFitPolicy;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.security.RoleQuotas;
import org.mesocosm.runtime.spec.JobSpecReader;

/**
 * Issue 18, finding 3: one spec made the master unrestartable. 1,000 task groups of 100,000
 * instances (a 79 KB spec) ran the master out of memory half-way through building the job, and
 * its log then held an input that killed every replay. Now the totals are checked before anything
 * is logged, role quotas refuse with 403 or 429 and say why, and a log that holds such a job
 * still recovers.
 */
@Timeout(120)
class JobAdmissionTest {
    /** The attack's spec: 1,000 groups x 100,000 instances, each group valid on its own. */
    static String bomb(String id) {
        StringBuilder b = new StringBuilder("{\"id\": \"" + id + "\", \"kind\": \"batch\", \"tasks\": [");
        for (int i = 0; i < 1000; i++) {
            if (i > 0) b.append(", ");
            b.append("{\"name\": \"g").append(i).append("\", \"instances\": 100000, \"cpus\": 0.01, \"mem\": 1}");
        }
        return b.append("]}").toString();
    }

    private static final String SMALL = "{\"id\": \"%s\", \"role\": \"%s\", \"kind\": \"service\", \"tasks\": [{\"name\": \"w\", \"instances\": %d, "
            + "\"cpus\": %s, \"mem\": 64, \"command\": \"sleep 60\"}]}";

    private static LiveDriver driver(Path dir, AtomicLong clock) throws Exception {
        LiveDriver.Settings s = LiveDriver.Settings.defaults("first-fit").withAgentTimeout(600_000, 0).withStateDir(dir);
        return new LiveDriver(s, new FirstFitPolicy(), () -> clock.addAndGet(1000), null);
    }

    private static InProcessExchange send(ApiServer server, String method, String target, String body) {
        InProcessExchange ex = new InProcessExchange(method, URI.create(target), body.getBytes(StandardCharsets.UTF_8));
        server.handle(ex);
        return ex;
    }

    private static JsonNode json(InProcessExchange ex) throws Exception {
        return HttpCall.JSON.readTree(ex.responseBody());
    }

    @Test
    void theBombIsA400BeforeAnythingIsLogged(@TempDir Path dir) throws Exception {
        AtomicLong clock = new AtomicLong(1_750_000_000_000_000L);
        try (LiveDriver d = driver(dir, clock); ApiServer server = new ApiServer(d, new InetSocketAddress("127.0.0.1", 0), 1 << 20)) {
            String spec = bomb("bomb");
            assertTrue(spec.length() < 80_000, "the attack fits in 79 KB: " + spec.length() + " bytes");
            long logged = d.call(() -> d.inputsFed());
            InProcessExchange r = send(server, "POST", "/api/v1/jobs", spec);
            assertEquals(400, r.status(), new String(r.responseBody(), StandardCharsets.UTF_8));
            assertEquals("tasks", json(r).path("field").asText());
            assertTrue(json(r).path("error").asText().contains("100000000 instances in all; a job may have at most 10000"), json(r).toString());
            assertEquals(logged, d.call(() -> d.inputsFed()), "nothing was logged or fed");
            // a service cannot be scaled past the totals either
            assertEquals(201, send(server, "POST", "/api/v1/jobs", SMALL.formatted("svc", "default", 1, "0.1")).status());
            InProcessExchange scale = send(server, "POST", "/api/v1/jobs/svc/scale", "{\"task\": \"w\", \"instances\": 100000}");
            assertEquals(400, scale.status(), new String(scale.responseBody(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void quotasRefuseWith403WhenTheJobCanNeverFitAnd429WhenItMustWait(@TempDir Path dir) throws Exception {
        AtomicLong clock = new AtomicLong(1_750_000_000_000_000L);
        RoleQuotas quotas = RoleQuotas.of(Map.of("analytics", new RoleQuotas.Quota(4, 2_000, -1)));
        try (LiveDriver d = driver(dir, clock); ApiServer server = new ApiServer(d, new InetSocketAddress("127.0.0.1", 0), 1 << 20)) {
            server.withAdmission(JobAdmission.DEFAULT.withQuotas(quotas));
            InProcessExchange tooBig = send(server, "POST", "/api/v1/jobs", SMALL.formatted("big", "analytics", 5, "0.1"));
            assertEquals(403, tooBig.status());
            assertTrue(json(tooBig).path("error").asText().contains("5 tasks > max_running_tasks 4; it can never run within the quota"), json(tooBig).toString());
            InProcessExchange cpu = send(server, "POST", "/api/v1/jobs", SMALL.formatted("cpu", "analytics", 1, "3"));
            assertEquals(403, cpu.status());
            assertTrue(json(cpu).path("error").asText().contains("3 cores > max_cpus 2"), json(cpu).toString());

            assertEquals(201, send(server, "POST", "/api/v1/jobs", SMALL.formatted("a1", "analytics", 3, "0.5")).status());
            InProcessExchange wait = send(server, "POST", "/api/v1/jobs", SMALL.formatted("a2", "analytics", 2, "0.1"));
            assertEquals(429, wait.status(), new String(wait.responseBody(), StandardCharsets.UTF_8));
            assertTrue(json(wait).path("error").asText().contains("next to the role's active tasks (3 tasks"), json(wait).toString());
            assertTrue(json(wait).path("error").asText().contains("retry once some of them end"));
            InProcessExchange scale = send(server, "POST", "/api/v1/jobs/a1/scale", "{\"task\": \"w\", \"instances\": 5}");
            assertEquals(429, scale.status(), "scaling up is held to the quota too");
            assertEquals(201, send(server, "POST", "/api/v1/jobs", SMALL.formatted("other", "default", 50, "0.1")).status(), "other roles are not limited");
            // once a1 is killed, its room is free again
            assertEquals(202, send(server, "POST", "/api/v1/jobs/a1/kill", "").status());
            assertEquals(201, send(server, "POST", "/api/v1/jobs", SMALL.formatted("a3", "analytics", 4, "0.5")).status());
        }
    }

    @Test
    void aLogHoldingTheBombStillRecovers(@TempDir Path dir) throws Exception {
        // the log an older master left: a job, the bomb it logged and then died applying, another job
        StateLog.Opened opened = StateLog.open(dir, new InputLog.Header("first-fit", org.mesocosm.runtime.master.MasterConfig.DEFAULT),
                Durability.DEFAULT.options());
        var log = opened.recovered().log();
        long t = 1_750_000_000_000_000L;
        log.append(t, new Input.JobSubmitted(JobSpecReader.read(SMALL.formatted("before", "default", 1, "0.1")).spec()));
        log.append(t + 1, new Input.JobSubmitted(JobSpecReader.read(bomb("bomb")).spec()));
        log.append(t + 2, new Input.JobSubmitted(JobSpecReader.read(SMALL.formatted("after", "default", 1, "0.1")).spec()));
        log.force();
        log.close();

        AtomicLong clock = new AtomicLong(t + 1_000_000);
        try (LiveDriver d = driver(dir, clock)) {
            RecoveryReport report = d.recovered();
            assertNotNull(report);
            assertEquals(3, report.records());
            assertEquals(1, report.refused());
            assertTrue(report.describe().contains("1 logged inputs refused again"), report.describe());
            assertTrue(d.call(() -> d.master().hasJob("before") && d.master().hasJob("after")), "the jobs around it are back");
            assertFalse(d.call(() -> d.master().hasJob("bomb")), "the bomb is refused, as it failed the first time");
        }
    }
}
