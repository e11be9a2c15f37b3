package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.ExitCodes;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.runtime.agent.LiveAgent;

/**
 * {@code mesocosm logs} against a real master and agent on loopback, with tasks that are real
 * processes: their output comes back through the master; a viewer of another role learns
 * nothing; no task id, path or link in a sandbox makes the agent read a file outside it.
 */
@Timeout(120)
class LogsCommandTest {
    private static final String ACLS = """
            register_agents:
              - principals: [agent]
                agents: [a1]
            submit_jobs:
              - principals: [ops]
                roles: ANY
            run_tasks:
              - principals: [ops]
                users: ANY
            view_jobs:
              - principals: [alice]
                roles: [analytics]
              - principals: [ops]
                roles: ANY
            view_cluster:
              - principals: [ops]
            """;

    @TempDir
    static Path tmp;
    private static LiveCluster c;
    private static final List<String> audit = Collections.synchronizedList(new ArrayList<>());
    private static String[] alice;
    private static String[] ops;

    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        Path acls = Files.writeString(tmp.resolve("acls.yaml"), ACLS);
        Map<String, String> tokens = Map.of(LiveCluster.OPS, "ops-token-for-logs-test-001", LiveCluster.AGENT, "agent-token-for-logs-test-1",
                "alice", "alice-token-for-logs-test-1");
        c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()),
                LiveCluster.Security.DEFAULT.withTokens(tokens).withAcls(acls).withAudit(audit::add));
        LiveAgent a1 = c.addAgent("a1", 2, 1024, Map.of());
        LiveCluster.await("a1 registered", 10_000, a1::isRegistered);
        alice = login("alice", tokens);
        ops = login(LiveCluster.OPS, tokens);
        c.submit(job("hello", "analytics", "for i in 1 2 3; do echo line$i; done; echo oops >&2"));
        c.submit(job("theirs", "prod", "echo prod-secret-output"));
        awaitEnded("hello");
        awaitEnded("theirs");
    }

    private static String[] login(String principal, Map<String, String> tokens) throws Exception {
        Path token = Files.writeString(tmp.resolve(principal + ".token"), tokens.get(principal) + "\n");
        return new String[] {"--master", c.url.toString(), "--pin", c.pin, "--token-file", token.toString()};
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    private static String job(String id, String role, String command) {
        return "{\"id\": \"" + id + "\", \"role\": \"" + role + "\", \"kind\": \"batch\""
                + ", \"tasks\": [{\"name\": \"t\", \"cpus\": 0.1, \"mem\": 16, \"command\": \"" + command + "\"}]}";
    }

    private static void awaitEnded(String job) throws InterruptedException {
        LiveCluster.await(job + " ended", 30_000, () -> {
            try {
                return !c.get("/api/v1/jobs/" + job).path("status").asText().equals("active");
            } catch (Exception e) {
                return false;
            }
        });
    }

    static synchronized Run run(String[] login, String... command) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Mesocosm.execute(ApiBadInputTest.args(login, command));
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void printsATasksStdoutAndStderrFromItsAgent() {
        Run r = run(alice, "logs", "hello");
        assertEquals(0, r.exit(), r.err());
        assertEquals("line1\nline2\nline3\n", r.out());
        r = run(alice, "logs", "hello.t", "--stderr");
        assertEquals(0, r.exit(), r.err());
        assertEquals("oops\n", r.out());
        r = run(alice, "logs", "hello.t.0.0");
        assertEquals("line1\nline2\nline3\n", r.out(), r.err());
    }

    @Test
    void followPrintsOutputAsItComesUntilTheTaskEnds() throws Exception {
        c.submit(job("ticker", "analytics", "for i in 1 2 3 4 5; do echo tick$i; sleep 0.3; done"));
        LiveCluster.await("ticker running", 20_000, () -> {
            try {
                return c.get("/api/v1/tasks?job=ticker&state=RUNNING").path("tasks").size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        Run r = run(alice, "logs", "ticker", "--follow", "--interval", "100");
        assertEquals(0, r.exit(), r.err());
        assertEquals("tick1\ntick2\ntick3\ntick4\ntick5\n", r.out());
    }

    @Test
    void aTaskOfAnotherRoleIsHiddenFromAViewerWithoutTheRight() {
        Run r = run(alice, "logs", "theirs");
        assertEquals(ExitCodes.NOT_FOUND, r.exit(), r.err());
        assertFalse(r.out().contains("prod-secret-output"), r.out());
        assertTrue(r.err().startsWith("mesocosm logs: error: ") && !r.err().contains("error: mesocosm"), r.err());
        assertTrue(audit.stream().anyMatch(l -> l.startsWith("mesocosm master: denied: principal=alice action=view_jobs role=prod")), audit.toString());
        Run mine = run(ops, "logs", "theirs");
        assertEquals("prod-secret-output\n", mine.out(), mine.err());
    }

    @Test
    void unknownJobOrTaskIsNotFound() {
        assertEquals(ExitCodes.NOT_FOUND, run(ops, "logs", "no-such-job").exit());
        Run r = run(ops, "logs", "hello.nosuchtask");
        assertEquals(ExitCodes.NOT_FOUND, r.exit(), r.err());
        assertTrue(r.err().contains("no task 'analytics:hello.nosuchtask'"), r.err()); // job ids are per role: the key is role:id
    }

    @Test
    void pathTraversalInTheTaskIdIsRefused() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "must-not-leak\n");
        for (String target : List.of("hello.t.0.0/../../../../outside.txt", "hello.t.0.0/../../../../../../../../etc/passwd", "hello..t.0.0")) {
            Run r = run(ops, "logs", target);
            assertEquals(ExitCodes.NOT_FOUND, r.exit(), target + ": " + r.err());
            assertEquals("", r.out(), target);
        }
        for (String target : List.of("../../outside.txt", "/etc/passwd", "hello/../theirs")) { // not a job id: refused before asking
            Run r = run(ops, "logs", target);
            assertEquals(ExitCodes.USAGE, r.exit(), target + ": " + r.err());
            assertEquals("", r.out(), target);
        }
        // the raw API, past the CLI's splitting: the task id is matched against the master's own tasks, never used as a path
        HttpResponse<String> raw = c.send(LiveCluster.OPS, "GET", "/api/v1/jobs/hello/logs?task=t.0.0%2F..%2F..%2F..%2F..%2Foutside.txt", null);
        assertEquals(404, raw.statusCode(), raw.body());
        raw = c.send(LiveCluster.OPS, "GET", "/api/v1/jobs/hello/logs?task=t.0.0&stream=..%2F..%2Foutside.txt", null);
        assertEquals(400, raw.statusCode(), raw.body());
        assertTrue(Files.exists(outside));
    }

    @Test
    void aLinkPutInTheSandboxIsNotFollowed() throws Exception {
        String key = c.submit(job("linker", "analytics", "echo before"));
        assertEquals("analytics:linker", key);
        awaitEnded("linker");
        Path outside = Files.writeString(tmp.resolve("agent-secret.txt"), "agent-only-data\n");
        Path stdout = c.workDir("a1").resolve("sandboxes").resolve(key + ".t.0.0").resolve("stdout");
        assertTrue(Files.exists(stdout), "sandbox layout: " + stdout);
        Files.delete(stdout);
        Files.createSymbolicLink(stdout, outside); // what a task could do to its own sandbox
        Run r = run(ops, "logs", "linker");
        assertEquals(ExitCodes.REFUSED, r.exit(), r.err());
        assertFalse(r.out().contains("agent-only-data"), r.out());
        assertFalse(r.err().contains("agent-only-data"), r.err());
    }

    @Test
    void anAgentCanNotAnswerARequestItWasNotAsked() throws Exception {
        HttpResponse<String> r = c.send(LiveCluster.AGENT, "POST", "/api/v1/agents/a1/logs", "{\"request\": \"999999\", \"data\": \"\"}");
        assertEquals(404, r.statusCode(), r.body());
        r = c.send("alice", "POST", "/api/v1/agents/a1/logs", "{\"request\": \"1\", \"data\": \"\"}");
        assertEquals(403, r.statusCode(), r.body());
    }
}
