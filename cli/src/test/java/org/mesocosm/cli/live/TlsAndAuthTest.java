package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.cli.security.MasterCertificate;
import org.mesocosm.cli.security.MasterSecurity;
import org.mesocosm.runtime.security.ClientSecurity;
import org.mesocosm.runtime.security.Fingerprint;
import org.mesocosm.runtime.security.Tls;

/** TLS with a pinned or CA-trusted self-signed certificate, and bearer-token authentication, on one master over loopback. */
class TlsAndAuthTest {
    @TempDir
    static Path tmp;
    private static LiveCluster c;
    private static final List<String> audit = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()),
                LiveCluster.Security.DEFAULT.withAudit(audit::add));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    private static HttpResponse<String> get(ClientSecurity s, String path) throws IOException, InterruptedException {
        HttpClient http = s.configure(HttpClient.newBuilder()).build();
        return http.send(s.authorize(HttpRequest.newBuilder(c.url.resolve(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String opsToken() { return c.security.tokens().get(LiveCluster.OPS); }

    @Test
    void pinnedCertificateWorksAndAWrongPinIsRefused() throws Exception {
        assertTrue(c.url.toString().startsWith("https://"));
        assertEquals(200, get(new ClientSecurity(Tls.pinned(c.pin), opsToken()), "/api/v1/jobs").statusCode());
        // openssl's colon form is accepted too
        String colons = "sha256:" + String.join(":", c.pin.substring(7).toUpperCase().split("(?<=\\G..)"));
        assertEquals(200, get(new ClientSecurity(Tls.pinned(colons), opsToken()), "/api/v1/jobs").statusCode());

        String wrong = "sha256:" + "0".repeat(64);
        IOException e = assertThrows(IOException.class, () -> get(new ClientSecurity(Tls.pinned(wrong), opsToken()), "/api/v1/jobs"));
        assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());
        assertTrue(String.valueOf(e.getMessage()).contains("is not the pinned " + wrong), e.getMessage());
    }

    @Test
    void certificateFileAsCaWorksWithHostNameCheckAndTheJvmDefaultsRefuseIt() throws Exception {
        assertEquals(200, get(new ClientSecurity(Tls.trusting(c.certFile), opsToken()), "/api/v1/jobs").statusCode());
        // a different self-signed certificate is no CA of this master's
        MasterCertificate other = MasterCertificate.inDir(tmp.resolve("other"), List.of("127.0.0.1"));
        assertThrows(SSLHandshakeException.class, () -> get(new ClientSecurity(Tls.trusting(other.certFile()), opsToken()), "/api/v1/jobs"));
        // the default trust store does not know a self-signed certificate
        assertThrows(SSLHandshakeException.class, () -> get(new ClientSecurity(null, opsToken()), "/api/v1/jobs"));
    }

    @Test
    void cbcSha1SuitesAreOff() throws Exception {
        javax.net.ssl.SSLContext ctx = Tls.pinned(c.pin);
        String[] supported = ctx.getSupportedSSLParameters().getCipherSuites();
        String[] cbcSha1 = java.util.Arrays.stream(supported).filter(s -> s.contains("_CBC_") && s.endsWith("_SHA")).toArray(String[]::new);
        String[] gcm = java.util.Arrays.stream(supported).filter(s -> s.contains("_GCM_") && s.startsWith("TLS_ECDHE")).toArray(String[]::new);
        assertTrue(cbcSha1.length > 0, "this JDK still knows CBC-SHA1 suites, so the test means something");
        assertThrows(SSLHandshakeException.class, () -> handshake(ctx, cbcSha1), "a client offering only CBC-SHA1 suites is refused");
        handshake(ctx, gcm); // the same client with GCM suites gets in
    }

    private static void handshake(javax.net.ssl.SSLContext ctx, String[] suites) throws IOException {
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", c.server.port())) {
            s.setSoTimeout(10_000);
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setEnabledCipherSuites(suites);
            s.startHandshake();
        }
    }

    @Test
    void plainHttpToTheTlsPortFails() {
        java.net.URI plain = java.net.URI.create("http://127.0.0.1:" + c.server.port() + "/api/v1/jobs");
        HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
        assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(plain).timeout(java.time.Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + opsToken()).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void missingOrBadTokenIs401AndLogged() throws Exception {
        ClientSecurity noToken = new ClientSecurity(Tls.pinned(c.pin), null);
        HttpResponse<String> r = get(noToken, "/api/v1/jobs");
        assertEquals(401, r.statusCode());
        // no Basic challenge (issue 18, finding 5): browsers log in at /login
        assertEquals(List.of("Bearer realm=\"mesocosm\""), r.headers().allValues("WWW-Authenticate"));
        assertTrue(r.body().contains("credentials required"), r.body());
        assertEquals(401, get(new ClientSecurity(Tls.pinned(c.pin), "not-a-token-of-anyone-here"), "/api/v1/jobs").statusCode());
        assertEquals(401, get(noToken, "/metrics").statusCode(), "the metrics need a login too");
        assertEquals(401, get(noToken, "/").statusCode(), "the status page too");
        // a POST refused before its body is read leaves the connection usable
        HttpClient http = noToken.configure(HttpClient.newBuilder()).build();
        for (int i = 0; i < 3; i++) {
            assertEquals(401, http.send(HttpRequest.newBuilder(c.url.resolve("/api/v1/jobs")).POST(HttpRequest.BodyPublishers.ofString("{\"kind\": 1}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        // bad credentials are logged once per client address and window (issue 18): the first of them here, whichever test sent it
        assertTrue(audit.stream().anyMatch(l -> l.matches(".*unauthenticated \\((unknown token|bad basic credentials|malformed basic credentials)\\): .* from 127.0.0.1")),
                audit.toString());
        assertTrue(audit.stream().anyMatch(l -> l.contains("unauthenticated (no credentials): GET /metrics")), audit.toString());
        assertTrue(audit.stream().noneMatch(l -> l.contains("not-a-token-of-anyone-here")), "tokens are never logged");
    }

    @Test
    void browsersLogInWithBasicAuthPrincipalAndToken() throws Exception {
        HttpClient http = c.client(LiveCluster.OPS);
        java.util.function.Function<String, Integer> page = userColonPassword -> {
            try {
                return http.send(HttpRequest.newBuilder(c.url.resolve("/")).header("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8))).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        assertEquals(200, page.apply("ops:" + opsToken()));
        assertEquals(200, page.apply(":" + opsToken()), "the user name may be left empty");
        assertEquals(401, page.apply("agent:" + opsToken()), "the user name must be the token's principal");
        assertEquals(401, page.apply("ops:wrong-token-0123456789"));
        assertEquals(401, page.apply("ops"));
    }

    @Test
    void anonymousIsRefusedUnlessEnabled() throws Exception {
        ClientSecurity anon = new ClientSecurity(Tls.pinned(c.pin), null);
        assertEquals(401, get(anon, "/api/v1/agents").statusCode());
        Path dir = tmp.resolve("anon");
        try (LiveCluster open = new LiveCluster(dir, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()),
                LiveCluster.Security.DEFAULT.withAnonymous(true))) {
            ClientSecurity a = new ClientSecurity(Tls.pinned(open.pin), null);
            HttpClient http = a.configure(HttpClient.newBuilder()).build();
            assertEquals(200, http.send(HttpRequest.newBuilder(open.url.resolve("/api/v1/agents")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            // a wrong token is still refused, anonymous or not
            assertEquals(401, http.send(HttpRequest.newBuilder(open.url.resolve("/api/v1/agents")).header("Authorization", "Bearer nope-nope-nope-nope")
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void selfSignedCertificateIsKeptOwnerOnlyAndReusedOnRestart() throws Exception {
        Path dir = tmp.resolve("state").resolve(MasterSecurity.TLS_DIR);
        MasterCertificate first = MasterCertificate.inDir(dir, MasterCertificate.defaultNames("0.0.0.0", List.of("master.example")));
        assertTrue(first.created());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(MasterCertificate.KEY))));
        MasterCertificate again = MasterCertificate.inDir(dir, List.of());
        assertEquals(false, again.created());
        assertEquals(Fingerprint.of(first.chain()[0]), Fingerprint.of(again.chain()[0]));
        assertTrue(first.chain()[0].getSubjectAlternativeNames().toString().contains("master.example"));
        assertNotEquals(Fingerprint.of(first.chain()[0]), c.pin, "each master makes its own key");
    }

    @Test
    void clientCommandsPinAndLogInAndSayWhyWhenRefused() throws Exception {
        Path token = Files.writeString(tmp.resolve("ops.token"), opsToken() + "\n");
        Path badToken = Files.writeString(tmp.resolve("bad.token"), "wrong-token-0123456789\n");
        String url = c.url.toString();
        assertEquals(0, run("agents", "--master", url, "--pin", c.pin, "--token-file", token.toString()).code);
        assertEquals(0, run("agents", "--master", url, "--ca", c.certFile.toString(), "--token-file", token.toString()).code);
        Result wrongPin = run("agents", "--master", url, "--pin", "sha256:" + "1".repeat(64), "--token-file", token.toString());
        assertEquals(2, wrongPin.code);
        assertTrue(wrongPin.err.contains("is not the pinned") && wrongPin.err.contains("--pin"), wrongPin.err);
        Result noTrust = run("agents", "--master", url, "--token-file", token.toString());
        assertEquals(2, noTrust.code);
        assertTrue(noTrust.err.contains("TLS with the master"), noTrust.err);
        Result bad = run("agents", "--master", url, "--pin", c.pin, "--token-file", badToken.toString());
        assertEquals(5, bad.code, "refused (401): exit 5");
        assertTrue(bad.err.contains("did not accept our credentials"), bad.err);
        Result both = run("agents", "--master", url, "--pin", c.pin, "--ca", c.certFile.toString());
        assertEquals(2, both.code);
        assertTrue(both.err.contains("give --pin or --ca, not both"), both.err);
    }

    @Test
    void masterWillNotStartWithoutCredentialsUnlessAnonymousIsAllowed() {
        Result r = run("master", "--port", "0", "--host", "127.0.0.1");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("no --credentials FILE"), r.err);
    }

    record Result(int code, String err) {}

    static Result run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = System.out;
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(PrintStream.nullOutputStream()));
            int code = Mesocosm.execute(args);
            return new Result(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }

}
