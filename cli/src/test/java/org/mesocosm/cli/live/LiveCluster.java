package org.mesocosm.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.mesocosm.cli.security.MasterCertificate;
import org.mesocosm.cli.security.MasterSecurity;
import org.mesocosm.runtime.agent.AgentSettings;
import org.mesocosm.runtime.agent.LiveAgent;
import org.mesocosm.runtime.live.AccessControl;
import org.mesocosm.runtime.live.ApiServer;
import org.mesocosm.runtime.live.LiveDriver;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.runtime.security.Acl;
import org.mesocosm.runtime.security.ClientSecurity;
import org.mesocosm.runtime.security.Credentials;
import org.mesocosm.runtime.security.Fingerprint;
import org.mesocosm.runtime.security.Tls;

/**
 * A live master and agents in this JVM, talking over real loopback sockets (port chosen free),
 * with agents launching real processes. Closing it stops every agent (killing their tasks) and
 * the master. For tests and the throughput harness.
 *
 * <p>Secured as a user would run it (see {@link Security#DEFAULT}): HTTPS with the master's
 * self-signed certificate (kept in its state dir), which agents and this class's client pin;
 * bearer tokens for principal {@value #OPS} (the client) and {@value #AGENT} (the agents);
 * anonymous requests refused. Tests of security give their own {@link Security}.
 */
final class LiveCluster implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String OPS = "ops";
    static final String AGENT = "agent";

    /**
     * @param tokens bearer token by principal; {@value #OPS} and {@value #AGENT} must be in it
     * @param acls ACL file, or null: every authenticated principal may do everything
     * @param audit where refusals are logged (null: nowhere)
     * @param clientCa PEM file of the CA whose client certificates log in (null: none do)
     */
    record Security(boolean tls, Map<String, String> tokens, Path acls, boolean allowAnonymous, Consumer<String> audit, Path clientCa) {
        static final Security DEFAULT = new Security(true, Map.of(OPS, "ops-token-for-tests-0001", AGENT, "agent-token-for-tests-0001"),
                null, false, null, null);

        Security withAcls(Path file) { return new Security(tls, tokens, file, allowAnonymous, audit, clientCa); }

        Security withAudit(Consumer<String> sink) { return new Security(tls, tokens, acls, allowAnonymous, sink, clientCa); }

        Security withTokens(Map<String, String> t) { return new Security(tls, t, acls, allowAnonymous, audit, clientCa); }

        Security withAnonymous(boolean allowed) { return new Security(tls, tokens, acls, allowed, audit, clientCa); }

        Security withTls(boolean on) { return new Security(on, tokens, acls, allowAnonymous, audit, clientCa); }

        Security withClientCa(Path pem) { return new Security(tls, tokens, acls, allowAnonymous, audit, pem); }
    }

    final Path dir;
    final LiveDriver driver;
    final ApiServer server;
    final URI url;
    /** The master's certificate fingerprint (null without TLS) and file. */
    final String pin;
    final Path certFile;
    final Security security;
    final List<Command> commands = Collections.synchronizedList(new ArrayList<>());
    final List<LiveAgent> agents = new ArrayList<>();
    private final HttpClient http;
    private final PrintStream agentLog;

    LiveCluster(Path dir, String policy, long agentTimeoutMillis, long pollMillis, PrintStream agentLog) throws IOException {
        this(dir, policy, agentTimeoutMillis, pollMillis, agentLog, Security.DEFAULT);
    }

    LiveCluster(Path dir, String policy, long agentTimeoutMillis, long pollMillis, PrintStream agentLog, Security security) throws IOException {
        this.dir = dir;
        this.agentLog = agentLog;
        this.security = security;
        // short service backoff so relaunches after a loss happen within the test's patience
        MasterConfig config = new MasterConfig(200_000L, 2_000_000L, 60_000_000L);
        LiveDriver.Settings s = new LiveDriver.Settings(policy, config, agentTimeoutMillis, pollMillis, dir.resolve("master"), 0);
        driver = new LiveDriver(s, PolicyRegistry.load().create(policy), () -> System.currentTimeMillis() * 1000L,
                (at, c) -> commands.add(c)).start();
        SSLContext tls = null;
        if (security.tls()) {
            MasterCertificate mc = MasterCertificate.inDir(dir.resolve("master").resolve(MasterSecurity.TLS_DIR),
                    MasterCertificate.defaultNames("127.0.0.1", List.of()));
            tls = Tls.server(mc.key(), mc.chain(), security.clientCa());
            pin = Fingerprint.of(mc.chain()[0]);
            certFile = mc.certFile();
        } else {
            pin = null;
            certFile = null;
        }
        Consumer<String> audit = security.audit() == null ? line -> { } : security.audit();
        AccessControl access = new AccessControl(Credentials.of(security.tokens()), security.acls() == null ? Acl.allowAll() : Acl.load(security.acls()),
                security.allowAnonymous(), System.getProperty("user.name"), audit, security.clientCa() != null);
        server = new ApiServer(driver, new InetSocketAddress("127.0.0.1", 0), ApiServer.DEFAULT_MAX_BODY_BYTES, tls, access).start();
        url = URI.create((security.tls() ? "https" : "http") + "://127.0.0.1:" + server.port());
        http = client(OPS);
    }

    /** How {@code principal} talks to this master: the pin and its token (none if the principal has none). */
    ClientSecurity clientSecurity(String principal) {
        return new ClientSecurity(pin == null ? null : Tls.pinned(pin), security.tokens().get(principal));
    }

    /** An HTTP client that trusts this master (the token is added per request, see {@link #request}). */
    HttpClient client(String principal) {
        return clientSecurity(principal).configure(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)).build();
    }

    /** A request to {@code path} as {@code principal}. */
    HttpRequest.Builder request(String principal, String path) {
        return clientSecurity(principal).authorize(HttpRequest.newBuilder(url.resolve(path)));
    }

    /** Sends a request as {@code principal} (null body: no body). */
    HttpResponse<String> send(String principal, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(principal, path).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    LiveAgent addAgent(String id, double cpus, long mem, Map<String, String> attributes) throws IOException {
        return addAgent(id, cpus, mem, 0, attributes);
    }

    /** An agent with {@code gpus} GPU devices. */
    LiveAgent addAgent(String id, double cpus, long mem, int gpus, Map<String, String> attributes) throws IOException {
        Path work = Files.createDirectories(dir.resolve("agents").resolve(id));
        LiveAgent a = new LiveAgent(new AgentSettings(url, id, new Resources(Math.round(cpus * 1000), mem, 0, gpus), attributes, work, 1000),
                agentLog, clientSecurity(AGENT)).start();
        agents.add(a);
        return a;
    }

    Path workDir(String agentId) { return dir.resolve("agents").resolve(agentId); }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(OPS, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    String getText(String path) throws IOException, InterruptedException {
        return http.send(request(OPS, path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(OPS, "POST", path, body);
    }

    HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return send(OPS, "PUT", path, body);
    }

    String submit(String spec) throws IOException, InterruptedException {
        HttpResponse<String> r = post("/api/v1/jobs", spec);
        if (r.statusCode() != 201) throw new IllegalStateException("submit answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body()).path("id").asText();
    }

    /** Waits for {@code condition}; fails with {@code what} after {@code millis}. */
    static void await(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + millis + " ms waiting for: " + what);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws IOException {
        for (LiveAgent a : agents) {
            try {
                a.close();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
        server.close();
        driver.close();
    }
}
