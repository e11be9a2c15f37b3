package org.mesocosm.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * How the load clients reach the master: the base URL, the TLS trust, the HTTP clients and the
 * headers every request carries (the bearer token), so agents and submitters never build
 * requests themselves.
 */
final class Transport {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A reply: status and body (parsed when it is JSON, else an empty object). */
    record Reply(int status, JsonNode body, String text) {
        boolean ok() { return status / 100 == 2; }
    }

    private final URI base;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final SSLContext tls;

    /** @param tls trust for an https master; null for plain http */
    Transport(URI master, SSLContext tls) {
        this.tls = tls;
        String s = master.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        headers.put("Content-Type", "application/json");
    }

    /** Adds a header to every request (e.g. {@code Authorization: Bearer ...}). */
    Transport withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    URI base() { return base; }

    /**
     * A client of its own: the JDK client multiplexes all its connections on one selector thread,
     * so the load generator spreads its agents and submitters over several.
     */
    HttpClient newClient() {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        return (tls == null ? b : b.sslContext(tls)).build();
    }

    Reply post(HttpClient client, String path, byte[] body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return send(client, b);
    }

    Reply get(HttpClient client, String path) throws IOException, InterruptedException {
        return send(client, HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET());
    }

    private Reply send(HttpClient client, HttpRequest.Builder b) throws IOException, InterruptedException {
        headers.forEach(b::header);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = r.body().isEmpty() || r.body().charAt(0) != '{' ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        return new Reply(r.statusCode(), body, r.body());
    }
}
