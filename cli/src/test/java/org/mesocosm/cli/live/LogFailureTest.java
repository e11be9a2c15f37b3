package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 7: after one failed log write the master answered 503/500 forever and stayed
 * up. Now it stops with a clear message and status 75, so a supervisor restarts it, and the
 * restart finds a consistent log: every acknowledged job, nothing of the one that failed, and no
 * users.json entry for it (users.json is never written ahead of the log). The disk fault is
 * injected (a file whose existence fails every write): chmod cannot stop a master running as root.
 */
@Timeout(180)
class LogFailureTest {
    @TempDir
    Path tmp;

    private static final String JOB = "{\"id\": \"%s\", \"kind\": \"batch\", \"user\": \"%s\", \"tasks\": [{\"name\": \"t\", \"cpus\": 0.1, \"mem\": 16, \"command\": \"true\"}]}";

    @Test
    void aFailedLogWriteStopsTheMasterAndTheRestartIsConsistent() throws Exception {
        Path state = tmp.resolve("state");
        Path fault = tmp.resolve("disk-full");
        Path out = tmp.resolve("master.out");
        int port = MasterProcess.freePort();
        MasterProcess m = new MasterProcess(port, state, out).withJvmProperty("mesocosm.faults.logFailFile", fault.toString());
        m.start(Duration.ofSeconds(60));
        HttpClient http = m.ops().configure(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))).build();
        String self = System.getProperty("user.name");
        assertEquals(201, submit(http, m, JOB.formatted("kept", self)).statusCode());

        Files.createFile(fault);
        int status;
        try {
            status = submit(http, m, JOB.formatted("lost", "nobody")).statusCode();
        } catch (java.io.IOException e) {
            status = -1; // the master went away before it answered
        }
        assertTrue(status == -1 || status == 503, "the job that could not be logged is not acknowledged: " + status);
        assertTrue(m.process().waitFor(30, TimeUnit.SECONDS), "the master exits instead of staying up wedged:\n" + Files.readString(out));
        assertEquals(75, m.process().exitValue());
        String log = Files.readString(out);
        assertTrue(log.contains("FATAL: the input log in " + state + " cannot be written") && log.contains("supervisor restarts"), log);

        Files.delete(fault); // the disk has room again; the supervisor restarts the master
        m.start(Duration.ofSeconds(60));
        assertEquals(200, get(http, m, "api/v1/jobs/kept").statusCode(), "the acknowledged job is back");
        assertEquals(404, get(http, m, "api/v1/jobs/lost").statusCode(), "the one never acknowledged is not");
        String users = Files.exists(state.resolve("users.json")) ? Files.readString(state.resolve("users.json")) : "{}";
        assertFalse(users.contains("\"lost\""), "users.json holds no job the log lacks: " + users);
        assertTrue(users.contains("\"kept\""), users);
        assertEquals(201, submit(http, m, JOB.formatted("after", self)).statusCode(), "and it takes new work");
        m.kill();
    }

    private static HttpResponse<String> submit(HttpClient http, MasterProcess m, String spec) throws Exception {
        return http.send(m.ops().authorize(HttpRequest.newBuilder(m.url().resolve("api/v1/jobs"))).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, MasterProcess m, String path) throws Exception {
        return http.send(m.ops().authorize(HttpRequest.newBuilder(m.url().resolve(path))).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
