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
    /** The masters to try (several for a replicated master); {@link #base} is the one that answered last. */
    private final java.util.List<URI> bases;
    private URI base;
    private final ClientSecurity security;
    /** How long a request to a replicated master keeps trying the masters while none leads or answers. */
    static final Duration FAILOVER_PATIENCE = Duration.ofSeconds(30);
    private boolean waitingSaid;

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
        this(java.util.List.of(base), security);
    }

    MasterApi(java.util.List<URI> masters, ClientSecurity security) {
        this.security = security;
        // the TLS set-up follows the first master's scheme: replicated masters are all http or all https
        this.http = security.configure(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)), masters.get(0))
                .build();
        this.bases = masters.stream().map(u -> URI.create(u.toString().endsWith("/") ? u.toString() : u + "/")).toList();
        this.base = bases.get(0);
    }

    static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The X-Mesocosm-Master header of the last answer (a replicated master: "ID; leader=ID; term=N"), or null. */
    private String lastMaster;
    private URI lastUri;

    /**
     * For a replicated group, a line naming the master that answered the last request and the one
     * it knows leads, e.g. {@code master: m2 (leader, term 4) at https://127.0.0.1:5052}; null for
     * a single master. Reads are answered by the leader only, so after one it names the leader.
     */
    String answeredBy() {
        if (lastMaster == null) return null;
        String[] parts = lastMaster.split(";\\s*");
        String self = parts[0], leader = "none", term = "?";
        for (String p : parts) {
            if (p.startsWith("leader=")) leader = p.substring(7);
            if (p.startsWith("term=")) term = p.substring(5);
        }
        String at = lastUri == null ? "" : " at " + lastUri.getScheme() + "://" + lastUri.getAuthority();
        return "master: " + self + (self.equals(leader) ? " (leader" : " (standby; leader: " + leader) + ", term " + term + ")" + at;
    }

    JsonNode get(String path) {
        return send(path, b -> b.GET());
    }

    JsonNode post(String path, String body, String contentType) {
        return send(path, b -> b.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    JsonNode put(String path, byte[] body) {
        return send(path, b -> b.header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    JsonNode delete(String path) {
        return send(path, b -> b.DELETE());
    }

    /**
     * Sends to the master that answered last; with several masters, one that cannot be reached or
     * is a standby without a leader (503) passes the request to the next, and a standby's 307 to a
     * listed leader is followed (credentials go to no address outside the list). It keeps trying
     * for up to {@link #FAILOVER_PATIENCE}: an election after a leader's death takes a few
     * seconds, more on a loaded machine, and a client that gave up after one round through the
     * list failed a user's submit in the README's walk-through (a 503 "an election is on").
     */
    private JsonNode send(String path, java.util.function.UnaryOperator<HttpRequest.Builder> request) {
        if (bases.size() == 1) return send(security.authorize(request.apply(HttpRequest.newBuilder(base.resolve(path)))).timeout(Duration.ofSeconds(30)).build());
        long deadline = System.nanoTime() + FAILOVER_PATIENCE.toNanos();
        int redirects = 0;
        for (int t = 1; ; t++) {
            HttpRequest req = security.authorize(request.apply(HttpRequest.newBuilder(base.resolve(path)))).timeout(Duration.ofSeconds(30)).build();
            boolean patient = System.nanoTime() < deadline;
            try {
                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (patient && resp.statusCode() == 307 && redirects++ < 4 * bases.size()) {
                    URI leader = listed(resp.headers().firstValue("Location").orElse(""));
                    if (leader != null) {
                        base = leader;
                        continue;
                    }
                }
                if (patient && resp.statusCode() == 503) { // a standby that knows no leader: not carried out, safe to send again
                    failOver(t);
                    continue;
                }
                return answer(resp);
            } catch (ConnectException | HttpConnectTimeoutException e) {
                if (patient) {
                    failOver(t);
                    continue;
                }
                return send(req); // once more, to say why
            } catch (IOException e) {
                // a request cut off mid-way may have been carried out: only a read is safe to send again elsewhere
                if (patient && req.method().equals("GET")) {
                    failOver(t);
                    continue;
                }
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new Mesocosm.UserError("talking to the master at " + base + " failed: " + why + " (it may or may not have been carried out)",
                        ExitCodes.UNREACHABLE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Mesocosm.UserError("interrupted");
            }
        }
    }

    /**
     * The next master in the list; after a round through all of them, a pause (an election takes a
     * second or two), and once, a line on stderr so that the user knows why the command waits.
     */
    private void failOver(int attempt) {
        base = bases.get((bases.indexOf(base) + 1) % bases.size());
        if (attempt % bases.size() == 0) {
            if (!waitingSaid) {
                waitingSaid = true;
                System.err.println("mesocosm: no master of " + bases.size() + " leads or answers yet (an election, or masters starting); trying for up to "
                        + FAILOVER_PATIENCE.toSeconds() + " s");
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private URI listed(String location) {
        if (location.isEmpty()) return null;
        URI l = URI.create(location);
        for (URI b : bases) {
            if (b.getScheme().equalsIgnoreCase(String.valueOf(l.getScheme())) && b.getHost().equalsIgnoreCase(String.valueOf(l.getHost()))
                    && b.getPort() == l.getPort()) {
                return b;
            }
        }
        return null;
    }

    private JsonNode send(HttpRequest req) {
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
        return answer(resp);
    }

    private JsonNode answer(HttpResponse<String> resp) {
        lastMaster = resp.headers().firstValue("X-Mesocosm-Master").orElse(null);
        lastUri = resp.uri();
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
