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
import org.mesocosm.runtime.agent.AgentSettings;
import org.mesocosm.runtime.agent.LiveAgent;
import org.mesocosm.runtime.live.ApiServer;
import org.mesocosm.runtime.live.LiveDriver;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.policy.PolicyRegistry;

/**
 * A live master and agents in this JVM, talking over real loopback sockets (port chosen free),
 * with agents launching real processes. Closing it stops every agent (killing their tasks) and
 * the master. For tests and the throughput harness.
 */
final class LiveCluster implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final Path dir;
    final LiveDriver driver;
    final ApiServer server;
    final URI url;
    final List<Command> commands = Collections.synchronizedList(new ArrayList<>());
    final List<LiveAgent> agents = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final PrintStream agentLog;

    LiveCluster(Path dir, String policy, long agentTimeoutMillis, long pollMillis, PrintStream agentLog) throws IOException {
        this.dir = dir;
        this.agentLog = agentLog;
        // short service backoff so relaunches after a loss happen within the test's patience
        MasterConfig config = new MasterConfig(200_000L, 2_000_000L, 60_000_000L);
        LiveDriver.Settings s = new LiveDriver.Settings(policy, config, agentTimeoutMillis, pollMillis, dir.resolve("master"), 0);
        driver = new LiveDriver(s, PolicyRegistry.load().create(policy), () -> System.currentTimeMillis() * 1000L,
                (at, c) -> commands.add(c)).start();
        server = new ApiServer(driver, new InetSocketAddress("127.0.0.1", 0), ApiServer.DEFAULT_MAX_BODY_BYTES).start();
        url = URI.create("http://127.0.0.1:" + server.port());
    }

    LiveAgent addAgent(String id, double cpus, long mem, Map<String, String> attributes) throws IOException {
        Path work = Files.createDirectories(dir.resolve("agents").resolve(id));
        LiveAgent a = new LiveAgent(new AgentSettings(url, id, new Resources(Math.round(cpus * 1000), mem, 0, 0), attributes, work, 1000),
                agentLog).start();
        agents.add(a);
        return a;
    }

    Path workDir(String agentId) { return dir.resolve("agents").resolve(agentId); }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    String getText(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
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
