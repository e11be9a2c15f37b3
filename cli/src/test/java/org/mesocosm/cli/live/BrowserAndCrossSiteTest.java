package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import org.mesocosm.runtime.security.ClientSecurity;
import org.mesocosm.runtime.security.Tls;

/**
 * Issue 18, finding 5 (cross-site request forgery) and the master parts of 9 (403 vs 404, bad
 * tokens rate-limited): what a page on another site can make a logged-in browser send is
 * refused, browsers log in with a form and an HttpOnly SameSite=Strict session cookie, and a
 * principal cannot tell another role's job from no job.
 */
@Timeout(120)
class BrowserAndCrossSiteTest {
    private static final String ACLS = """
            submit_jobs:
              - principals: [ops]
                roles: ANY
              - principals: [alice]
                roles: [analytics]
            run_tasks:
              - principals: [ops, alice]
                users: ANY
            view_jobs:
              - principals: [ops]
                roles: ANY
              - principals: [alice]
                roles: [analytics]
            kill_jobs:
              - principals: [ops]
                roles: ANY
              - principals: [alice]
                roles: [analytics]
            view_cluster:
              - principals: [ops]
            """;
    private static final String JOB = "{\"id\": \"%s\", \"role\": \"%s\", \"kind\": \"batch\", \"tasks\": [{\"name\": \"t\", \"cpus\": 0.1, \"mem\": 16, \"command\": \"sleep 30\"}]}";

    @TempDir
    static Path tmp;
    private static LiveCluster c;
    private static HttpClient http;
    private static final List<String> audit = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> tokens = Map.of(LiveCluster.OPS, "ops-token-for-csrf-test-001", LiveCluster.AGENT, "agent-token-for-csrf-test-1",
                "alice", "alice-token-for-csrf-test-1");
        c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()),
                LiveCluster.Security.DEFAULT.withTokens(tokens).withAcls(Files.writeString(tmp.resolve("acls.yaml"), ACLS)).withAudit(audit::add));
        http = new ClientSecurity(Tls.pinned(c.pin), null).configure(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder as(String principal, String path) {
        return c.request(principal, path);
    }

    @Test
    void mutationsNeedAJsonOrYamlBodyType() throws Exception {
        String spec = JOB.formatted("form-post", "prod");
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            HttpResponse<String> r = send(as("ops", "/api/v1/jobs").header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(spec)));
            assertEquals(415, r.statusCode(), type + ": " + r.body());
        }
        assertEquals(415, send(as("ops", "/api/v1/jobs").POST(HttpRequest.BodyPublishers.ofString(spec))).statusCode(), "no Content-Type");
        assertEquals(404, c.send("ops", "GET", "/api/v1/jobs/form-post", null).statusCode(), "nothing was created");
        assertEquals(201, send(as("ops", "/api/v1/jobs").header("Content-Type", "application/yaml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("id: yaml-ok\nkind: batch\ntasks:\n  - {name: t, cpus: 0.1, mem: 16, command: 'true'}\n"))).statusCode());
    }

    @Test
    void requestsFromAnotherSiteAreRefused() throws Exception {
        String spec = JOB.formatted("cross", "prod");
        HttpResponse<String> evil = send(as("ops", "/api/v1/jobs").header("Content-Type", "application/json")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString(spec)));
        assertEquals(403, evil.statusCode(), evil.body());
        HttpResponse<String> site = send(as("ops", "/api/v1/jobs").header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString(spec)));
        assertEquals(403, site.statusCode(), site.body());
        assertEquals(404, c.send("ops", "GET", "/api/v1/jobs/cross", null).statusCode(), "nothing was created");
        // the master's own origin is fine
        HttpResponse<String> own = send(as("ops", "/api/v1/jobs").header("Content-Type", "application/json")
                .header("Origin", "https://127.0.0.1:" + c.server.port()).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(JOB.formatted("same-site", "prod"))));
        assertEquals(201, own.statusCode(), own.body());
    }

    @Test
    void browsersLogInWithAFormAndAStrictHttpOnlyCookie() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(c.url.resolve("/")).header("Accept", "text/html").GET());
        assertEquals(303, page.statusCode(), "a browser without a session is sent to the log-in form");
        assertEquals("/login", page.headers().firstValue("Location").orElse(""));
        assertFalse(page.headers().allValues("WWW-Authenticate").stream().anyMatch(v -> v.startsWith("Basic")),
                "no Basic challenge: a browser would resend the password with every request, cross-site ones too");
        assertTrue(send(HttpRequest.newBuilder(c.url.resolve("/login")).GET()).body().contains("<form method=\"post\" action=\"/login\">"));

        String form = "principal=ops&token=" + URLEncoder.encode(c.security.tokens().get("ops"), StandardCharsets.UTF_8);
        HttpResponse<String> crossLogin = send(HttpRequest.newBuilder(c.url.resolve("/login")).header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(403, crossLogin.statusCode(), "no log-in forced from another site");
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(c.url.resolve("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("principal=alice&token=" + c.security.tokens().get("ops"))));
        assertEquals(401, wrong.statusCode(), "the principal must be the token's");

        HttpResponse<String> login = send(HttpRequest.newBuilder(c.url.resolve("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(303, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElse(null);
        assertNotNull(cookie);
        for (String attr : new String[] {"HttpOnly", "SameSite=Strict", "Secure", "Path=/"}) assertTrue(cookie.contains(attr), cookie);
        assertFalse(cookie.contains(c.security.tokens().get("ops")), "the cookie is a session id, not the token");
        String session = cookie.split(";", 2)[0];
        HttpResponse<String> status = send(HttpRequest.newBuilder(c.url.resolve("/")).header("Cookie", session).GET());
        assertEquals(200, status.statusCode());
        assertTrue(status.body().contains("Mesocosm master"));
        // the session cannot be used from another site either
        HttpResponse<String> forged = send(HttpRequest.newBuilder(c.url.resolve("/api/v1/jobs")).header("Cookie", session)
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(JOB.formatted("forged", "prod"))));
        assertEquals(403, forged.statusCode());
        HttpResponse<String> out = send(HttpRequest.newBuilder(c.url.resolve("/logout")).header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(303, out.statusCode());
        assertEquals(401, send(HttpRequest.newBuilder(c.url.resolve("/api/v1/jobs")).header("Cookie", session).GET()).statusCode(), "logged out");
    }

    @Test
    void anotherRolesJobLooksLikeNoJob() throws Exception {
        assertEquals(201, c.send("ops", "POST", "/api/v1/jobs", JOB.formatted("secret-prod-job", "prod")).statusCode());
        for (String[] req : new String[][] {{"GET", "/api/v1/jobs/secret-prod-job"}, {"POST", "/api/v1/jobs/secret-prod-job/kill"},
                {"GET", "/api/v1/tasks?job=secret-prod-job"}}) {
            HttpResponse<String> theirs = c.send("alice", req[0], req[1], req[0].equals("POST") ? "" : null);
            HttpResponse<String> none = c.send("alice", req[0], req[1].replace("secret-prod-job", "no-such-job"), req[0].equals("POST") ? "" : null);
            assertEquals(404, theirs.statusCode(), req[1] + ": " + theirs.body());
            assertEquals(none.statusCode(), theirs.statusCode(), req[1]);
            assertEquals(none.body().replace("no-such-job", "X"), theirs.body().replace("secret-prod-job", "X"), req[1]);
        }
        assertTrue(audit.stream().anyMatch(l -> l.contains("denied: principal=alice action=view_jobs role=prod")), "still logged as a denial");
        assertEquals("active", LiveClusterTest.status(c, "secret-prod-job"), "and not killed");
    }

    @Test
    void repeatedBadTokensAreRateLimitedPerAddressAndLoggedOnce() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (LiveCluster small = new LiveCluster(tmp.resolve("throttle"), "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()),
                LiveCluster.Security.DEFAULT.withAudit(log::add))) {
            small.server.withLoginThrottle(5, 60_000);
            HttpClient h = small.client(LiveCluster.OPS);
            int[] codes = new int[12];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = h.send(HttpRequest.newBuilder(small.url.resolve("/api/v1/jobs")).header("Authorization", "Bearer guess-" + i + "-0123456789")
                        .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            }
            for (int i = 0; i < 5; i++) assertEquals(401, codes[i], "attempt " + i);
            for (int i = 5; i < codes.length; i++) assertEquals(429, codes[i], "attempt " + i + " after the allowance");
            assertEquals(429, h.send(small.request(LiveCluster.OPS, "/api/v1/jobs").GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "the address is refused for the rest of the window, good token or not");
            long logged = log.stream().filter(l -> l.contains("unauthenticated (unknown token)") && l.contains("GET /api/v1/jobs")).count();
            assertEquals(1, logged, "one line per address and window, not one per guess: " + logged);
            assertTrue(log.stream().anyMatch(l -> l.contains("5 bad credentials from 127.0.0.1")), log.toString());
        }
    }
}
