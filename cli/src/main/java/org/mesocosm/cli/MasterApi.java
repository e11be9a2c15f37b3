package org.mesocosm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.mesocosm.runtime.security.ClientSecurity;

/** The client commands' view of the master's API. Every failure is a one-line {@link Mesocosm.UserError}. */
final class MasterApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI base;
    private final ClientSecurity security;

    /** A non-2xx answer: its status and the master's error message. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        /** A 4xx as a one-line error (404 exits 6, other 4xx 2); a 5xx stays a failure (exit 1). */
        RuntimeException asUserError(String prefix) {
            if (status == 404) return new Mesocosm.UserError(prefix + getMessage(), ExitCodes.NOT_FOUND);
            if (status / 100 == 4) return new Mesocosm.UserError(prefix + getMessage(), ExitCodes.USAGE);
            return this;
        }

        @Override
        public String toString() {
            return "the master answered " + status + ": " + getMessage();
        }
    }

    MasterApi(URI base, ClientSecurity security) {
        this.security = security;
        this.http = security.configure(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)), base).build();
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
    }

    static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    JsonNode post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    JsonNode put(String path, byte[] body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    private JsonNode send(HttpRequest.Builder b) {
        HttpRequest req = security.authorize(b).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new Mesocosm.UserError("cannot reach the master at " + base + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage())
                    + "); is 'mesocosm master' running? (--master URL)", ExitCodes.UNREACHABLE);
        } catch (SSLHandshakeException e) {
            throw new Mesocosm.UserError("TLS with the master at " + base + " failed: " + e.getMessage()
                    + " (trust it with --pin sha256:... as 'mesocosm master' printed it, or --ca FILE)");
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new Mesocosm.UserError("talking to the master at " + base + " failed: " + why, ExitCodes.UNREACHABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Mesocosm.UserError("interrupted");
        }
        JsonNode body;
        try {
            body = resp.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new Mesocosm.UserError("the master at " + base + " answered " + resp.statusCode() + " with something that is not JSON");
        }
        if (resp.statusCode() == 401) {
            throw new Mesocosm.UserError("the master at " + base + " did not accept our credentials: " + body.path("error").asText()
                    + " (--token-file FILE or MESOCOSM_TOKEN)", ExitCodes.REFUSED);
        }
        if (resp.statusCode() == 403) throw new Mesocosm.UserError("the master refused: " + body.path("error").asText(), ExitCodes.REFUSED);
        if (resp.statusCode() / 100 != 2) throw new Refused(resp.statusCode(), body.path("error").asText("HTTP " + resp.statusCode()));
        return body;
    }
}
