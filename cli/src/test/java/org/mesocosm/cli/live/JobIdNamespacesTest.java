package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, finding 9 (the rest of it): job ids are namespaced per role, so nothing alice (role
 * analytics) asks can tell whether a role she cannot view has a job of some id. Two masters, the
 * same in everything but one job of role {@code ops}: every answer alice gets about that id, from
 * the API (status and JSON body) and from the CLI (exit code and text), is the same on both, before
 * and after she creates a job of that id herself. A principal who views both roles gets 409 on the
 * bare id, naming the qualified ids, and each qualified id works. No agents: nothing is placed, so
 * nothing differs by timing.
 */
@Timeout(120)
class JobIdNamespacesTest {
    private static final String ACLS = """
            submit_jobs:
              - principals: [ops]
                roles: ANY
              - principals: [alice]
                roles: [analytics]
              - principals: [carol]
                roles: [analytics, ops]
            run_tasks:
              - principals: [ops, alice, carol]
                users: ANY
            view_jobs:
              - principals: [ops]
                roles: ANY
              - principals: [alice]
                roles: [analytics]
              - principals: [carol]
                roles: [analytics, ops]
            kill_jobs:
              - principals: [ops]
                roles: ANY
              - principals: [alice]
                roles: [analytics]
              - principals: [carol]
                roles: [analytics, ops]
            view_cluster:
              - principals: [ops]
            """;
    private static final Map<String, String> TOKENS = Map.of(LiveCluster.OPS, "ops-token-for-namespace-test", LiveCluster.AGENT,
            "agent-token-for-namespace-1", "alice", "alice-token-for-namespace-01", "carol", "carol-token-for-namespace-01");

    @TempDir
    Path tmp;

    private LiveCluster cluster(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path acls = Files.writeString(dir.resolve("acls.yaml"), ACLS);
        return new LiveCluster(dir, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()),
                LiveCluster.Security.DEFAULT.withTokens(TOKENS).withAcls(acls));
    }

    private static String job(String id, String role, String kind) {
        return "{\"id\": \"" + id + "\", \"role\": \"" + role + "\", \"kind\": \"" + kind + "\""
                + ", \"tasks\": [{\"name\": \"t\", \"cpus\": 0.1, \"mem\": 16, \"command\": \"sleep 30\"}]}";
    }

    private static String[] login(LiveCluster c, String principal) throws Exception {
        Path token = Files.writeString(c.dir.resolve(principal + ".token"), TOKENS.get(principal) + "\n");
        return new String[] {"--master", c.url.toString(), "--pin", c.pin, "--token-file", token.toString()};
    }

    /**
     * Everything alice can ask about id {@code id}, as one text per question: status code and body
     * of each API answer, exit code and output of each CLI command. Times (the wall clock, in
     * microseconds or ISO form) are masked: the two masters run at different moments; nothing else is.
     */
    private static List<String> aliceAsksAbout(LiveCluster c, String id) throws Exception {
        String[] alice = login(c, "alice");
        List<String> answers = new ArrayList<>();
        for (String[] q : List.of(new String[] {"GET", "/api/v1/jobs/" + id, null}, new String[] {"GET", "/api/v1/jobs/" + id + "/logs", null},
                new String[] {"GET", "/api/v1/jobs/" + id + "/logs?task=t.0", null}, new String[] {"GET", "/api/v1/tasks?job=" + id, null},
                new String[] {"GET", "/api/v1/jobs", null}, new String[] {"GET", "/api/v1/tasks", null},
                new String[] {"POST", "/api/v1/jobs/" + id + "/scale", "{\"task\": \"t\", \"instances\": 2}"})) {
            HttpResponse<String> r = c.send("alice", q[0], q[1], q[2]);
            answers.add(q[0] + " " + q[1] + " -> " + r.statusCode() + " " + r.body());
        }
        for (String[] cmd : List.of(new String[] {"status", id}, new String[] {"status", id, "--json"}, new String[] {"status"},
                new String[] {"logs", id}, new String[] {"logs", id + ".t"})) {
            LogsCommandTest.Run r = LogsCommandTest.run(alice, cmd);
            answers.add(String.join(" ", cmd) + " -> " + r.exit() + "\n" + r.out() + r.err());
        }
        return answers.stream().map(a -> a.replaceAll("\\d{13,}", "<time>").replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>")).toList();
    }

    /** Alice's kill, last (it changes the job): API then CLI. */
    private static List<String> aliceKills(LiveCluster c, String id) throws Exception {
        HttpResponse<String> r = c.send("alice", "POST", "/api/v1/jobs/" + id + "/kill", "");
        LogsCommandTest.Run cli = LogsCommandTest.run(login(c, "alice"), "kill", id);
        return List.of("kill -> " + r.statusCode() + " " + r.body(), "cli kill -> " + cli.exit() + "\n" + cli.out() + cli.err());
    }

    private static String aliceCreates(LiveCluster c, String id) throws Exception {
        HttpResponse<String> r = c.send("alice", "POST", "/api/v1/jobs", job(id, "analytics", "service"));
        Path spec = Files.writeString(c.dir.resolve("spec.json"), job(id + "-cli", "analytics", "batch"));
        LogsCommandTest.Run cli = LogsCommandTest.run(login(c, "alice"), "submit", spec.toString());
        return "create -> " + r.statusCode() + " " + r.body() + "\ncli submit -> " + cli.exit() + "\n" + cli.out() + cli.err();
    }

    @Test
    void aliceCannotTellWhetherAnotherRoleHasAJobOfSomeId() throws Exception {
        try (LiveCluster withOps = cluster("with-ops"); LiveCluster without = cluster("without")) {
            // the only difference between the two masters: ops has 'report' (and 'report-cli') in role ops
            assertEquals(201, withOps.send(LiveCluster.OPS, "POST", "/api/v1/jobs", job("report", "ops", "service")).statusCode());
            assertEquals(201, withOps.send(LiveCluster.OPS, "POST", "/api/v1/jobs", job("report-cli", "ops", "batch")).statusCode());

            List<String> before = aliceAsksAbout(without, "report");
            assertEquals(before, aliceAsksAbout(withOps, "report"), "alice's questions before she has a 'report'");
            assertTrue(before.get(0).contains("404") && before.get(0).contains("no job 'report'"), before.get(0));

            String created = aliceCreates(without, "report");
            assertEquals(created, aliceCreates(withOps, "report"), "alice's create of an id ops also uses");
            assertTrue(created.startsWith("create -> 201 "), created);

            List<String> after = aliceAsksAbout(without, "report");
            assertEquals(after, aliceAsksAbout(withOps, "report"), "alice's questions about her own 'report'");
            assertTrue(after.get(0).contains(" 200 ") && after.get(0).contains("analytics"), after.get(0));
            assertEquals(aliceKills(without, "report"), aliceKills(withOps, "report"), "alice's kill of her 'report'");

            // ops' jobs are untouched by anything alice did
            JsonNode theirs = LiveCluster.JSON.readTree(withOps.send(LiveCluster.OPS, "GET", "/api/v1/jobs/ops:report", null).body());
            assertEquals("active", theirs.path("status").asText(), theirs.toString());
            assertEquals("ops", theirs.path("role").asText(), theirs.toString());
        }
    }

    @Test
    void aViewerOfBothRolesMustQualifyAnIdBothUse() throws Exception {
        try (LiveCluster c = cluster("both")) {
            assertEquals(201, c.send(LiveCluster.OPS, "POST", "/api/v1/jobs", job("report", "ops", "service")).statusCode());
            HttpResponse<String> mine = c.send("alice", "POST", "/api/v1/jobs", job("report", "analytics", "service"));
            assertEquals(201, mine.statusCode(), mine.body());
            assertEquals("analytics:report", LiveCluster.JSON.readTree(mine.body()).path("id").asText());

            HttpResponse<String> ambiguous = c.send("carol", "GET", "/api/v1/jobs/report", null);
            assertEquals(409, ambiguous.statusCode(), ambiguous.body());
            String why = LiveCluster.JSON.readTree(ambiguous.body()).path("error").asText();
            assertTrue(why.contains("analytics:report") && why.contains("ops:report"), why);
            assertEquals(409, c.send("carol", "POST", "/api/v1/jobs/report/kill", "").statusCode());
            assertEquals(409, c.send("carol", "GET", "/api/v1/jobs/report/logs", null).statusCode());
            assertEquals(409, c.send("carol", "GET", "/api/v1/tasks?job=report", null).statusCode());

            for (String role : List.of("analytics", "ops")) {
                HttpResponse<String> r = c.send("carol", "GET", "/api/v1/jobs/" + role + ":report", null);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals(role, LiveCluster.JSON.readTree(r.body()).path("role").asText());
                r = c.send("carol", "GET", "/api/v1/jobs/" + role + "%3Areport", null); // as the CLI encodes it
                assertEquals(200, r.statusCode(), r.body());
            }
            // alice sees one 'report', hers; ops' qualified id is hidden from her as any missing job is
            HttpResponse<String> hers = c.send("alice", "GET", "/api/v1/jobs/report", null);
            assertEquals("analytics", LiveCluster.JSON.readTree(hers.body()).path("role").asText(), hers.body());
            HttpResponse<String> hidden = c.send("alice", "GET", "/api/v1/jobs/ops:report", null);
            HttpResponse<String> none = c.send("alice", "GET", "/api/v1/jobs/ops:no-such-job", null);
            assertEquals(404, hidden.statusCode());
            assertEquals(none.body().replace("no-such-job", "report"), hidden.body());

            LogsCommandTest.Run r = LogsCommandTest.run(login(c, "carol"), "kill", "ops:report");
            assertEquals(0, r.exit(), r.err());
            r = LogsCommandTest.run(login(c, "carol"), "status", "report");
            assertTrue(r.exit() != 0 && r.err().contains("analytics:report") && r.err().contains("ops:report"), r.err());
            LiveCluster.await("ops:report killed", 10_000, () -> {
                try {
                    return LiveCluster.JSON.readTree(c.send("carol", "GET", "/api/v1/jobs/ops:report", null).body()).path("status").asText()
                            .equals("killed");
                } catch (Exception e) {
                    return false;
                }
            });
            assertEquals("active", LiveCluster.JSON.readTree(c.send("carol", "GET", "/api/v1/jobs/analytics:report", null).body())
                    .path("status").asText(), "only the qualified job was killed");
        }
    }
}
