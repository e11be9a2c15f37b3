package org.mesocosm.runtime.live;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.mesocosm.runtime.master.FirstFitPolicy;

/**
 * Fuzzes the live master's HTTP API in process: each input is up to {@link #MAX_REQUESTS}
 * requests (separated by NUL bytes; each is a {@code METHOD TARGET} line and a body) sent to a
 * fresh master that already has an agent ({@code a1}) and two jobs ({@code svc}, {@code b}).
 * Every answer must be 2xx, or 4xx with a JSON {@code error}; a refused request leaves the job
 * list as it was (no partial job); the master core never throws on an input that passed
 * validation. The requests go straight to {@link ApiServer#handle} through
 * {@link InProcessExchange}: no socket, so thousands of inputs a second.
 */
class ApiFuzzTest {
    static final int MAX_REQUESTS = 8;
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]{1,12}");
    static final String SERVICE = "{\"id\": \"svc\", \"kind\": \"service\", \"tasks\": [{\"name\": \"web\", \"instances\": 1, "
            + "\"cpus\": 0.5, \"mem\": 64, \"command\": \"sleep 60\"}]}";
    static final String BATCH = "{\"id\": \"b\", \"kind\": \"batch\", \"tasks\": [{\"name\": \"w\", \"instances\": 2, "
            + "\"cpus\": 8, \"mem\": 64, \"command\": \"true\"}]}";
    static final String AGENT = "{\"id\": \"a1\", \"resources\": {\"cpu_m\": 4000, \"mem\": 8192}, \"attributes\": {\"zone\": \"z1\"}}";

    /**
     * Loads (and lets Jazzer instrument) the master and the API once before the first input is
     * timed: on a busy machine that alone can take longer than the per-input timeout.
     */
    @BeforeAll
    static void warmUp() throws IOException {
        new ApiFuzzTest().api(new byte[0]);
    }

    @FuzzTest(maxDuration = "5m")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void api(byte[] data) throws IOException {
        AtomicLong clock = new AtomicLong(1_750_000_000_000_000L);
        LiveDriver.Settings s = LiveDriver.Settings.defaults("first-fit").withAgentTimeout(600_000, 0);
        try (LiveDriver driver = new LiveDriver(s, new FirstFitPolicy(), () -> clock.addAndGet(1000), null);
             // started although no request comes through its socket: only a started JDK server frees its selector on stop
             ApiServer server = new ApiServer(driver, new InetSocketAddress("127.0.0.1", 0), 1 << 16).start()) {
            expect(server, "POST", "/api/v1/agents/register", AGENT, 200);
            expect(server, "POST", "/api/v1/jobs", SERVICE, 201);
            expect(server, "POST", "/api/v1/jobs", BATCH, 201);
            int n = 0;
            for (byte[] req : requests(data)) {
                if (n++ == MAX_REQUESTS) break;
                send(server, driver, req);
            }
        }
    }

    /** The requests of one input: split at NUL bytes. */
    static List<byte[]> requests(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == 0) {
                out.add(Arrays.copyOfRange(data, from, i));
                from = i + 1;
            }
        }
        return out;
    }

    private static void expect(ApiServer server, String method, String target, String body, int status) {
        InProcessExchange ex = new InProcessExchange(method, URI.create(target), body.getBytes(StandardCharsets.UTF_8));
        server.handle(ex);
        if (ex.status() != status) {
            throw new IllegalStateException(method + " " + target + ": " + ex.status() + " " + new String(ex.responseBody(), StandardCharsets.UTF_8));
        }
    }

    /** Sends one request and checks the invariants; a request the JDK server itself would refuse is skipped. */
    private static void send(ApiServer server, LiveDriver driver, byte[] req) {
        int nl = 0;
        while (nl < req.length && req[nl] != '\n') nl++;
        String head = new String(req, 0, nl, StandardCharsets.UTF_8);
        byte[] body = nl < req.length ? Arrays.copyOfRange(req, nl + 1, req.length) : new byte[0];
        int sp = head.indexOf(' ');
        if (sp < 0) return;
        String method = head.substring(0, sp);
        URI uri;
        try {
            uri = new URI(head.substring(sp + 1));
        } catch (URISyntaxException e) {
            return;
        }
        if (!METHOD.matcher(method).matches() || uri.getRawPath() == null || !uri.getRawPath().startsWith("/") || uri.isAbsolute()) return;

        List<String> before = jobIds(driver);
        long errorsBefore = driver.call(driver::masterErrors);
        InProcessExchange ex = new InProcessExchange(method, uri, body);
        server.handle(ex);
        String what = method + " " + uri + " -> " + ex.status() + " " + new String(ex.responseBody(), StandardCharsets.UTF_8);
        if (!ex.closed()) throw new AssertionError("exchange left open: " + what);
        if (ex.status() < 200 || ex.status() >= 500) throw new AssertionError("not a 2xx or 4xx answer: " + what);
        JsonNode answer = json(ex, what);
        List<String> after = jobIds(driver);
        if (ex.status() >= 400) {
            if (answer == null || !answer.path("error").isTextual()) throw new AssertionError("refusal without a JSON error: " + what);
            if (!after.equals(before)) throw new AssertionError("a refused request changed the jobs " + before + " -> " + after + ": " + what);
        } else if (method.equals("POST") && uri.getRawPath().equals("/api/v1/jobs")) {
            List<String> expected = new ArrayList<>(before);
            expected.add(answer.path("id").asText());
            if (!after.equals(expected)) throw new AssertionError("an accepted job is not exactly one new job " + before + " -> " + after + ": " + what);
        }
        long errors = driver.call(driver::masterErrors);
        if (errors != errorsBefore) throw new AssertionError("the master core threw on an accepted input: " + what);
    }

    private static JsonNode json(InProcessExchange ex, String what) {
        String type = ex.getResponseHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) return null;
        try {
            return HttpCall.JSON.readTree(ex.responseBody());
        } catch (IOException e) {
            throw new AssertionError("answer is not JSON: " + what, e);
        }
    }

    private static List<String> jobIds(LiveDriver driver) {
        return driver.call(() -> driver.state().jobs().stream().map(j -> j.spec.id()).toList());
    }
}
