package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request and its answer: body read with a size cap, query parameters, JSON and text replies. */
final class HttpCall {
    /**
     * On every answer of a replicated master (issue 19): {@code ID; leader=ID; term=N}: the master
     * that answered, the one it knows leads, and the consensus term when the answer left (a 201
     * carries the term it was acknowledged in). Clients name the leader from it.
     */
    static final String MASTER_HEADER = "X-Mesocosm-Master";
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpExchange ex;
    final String method;
    final String path;
    final Map<String, String> query;
    private final int maxBodyBytes;
    private boolean answered;
    /** For a replicated master: which master answers, who leads, in which term (read when the answer leaves); null for a single master. */
    java.util.function.Supplier<String> masterHeader = () -> null;
    /** Who is asking, once {@link AccessControl#authenticate} has said. */
    String principal = org.mesocosm.runtime.security.Credentials.ANONYMOUS;

    HttpCall(HttpExchange ex, int maxBodyBytes) {
        this.ex = ex;
        this.method = ex.getRequestMethod();
        this.path = ex.getRequestURI().getRawPath();
        this.query = parseQuery(ex.getRequestURI().getRawQuery());
        this.maxBodyBytes = maxBodyBytes;
    }

    boolean answered() { return answered; }

    /** 405 unless the method is GET (or HEAD). */
    void requireGet() {
        if (!method.equals("GET") && !method.equals("HEAD")) throw new ApiError(405, method + " not allowed on " + path + ": use GET");
    }

    /** 405 unless the method is POST. */
    void requirePost() {
        if (!method.equals("POST")) throw new ApiError(405, method + " not allowed on " + path + ": use POST");
    }

    // A long poll is answered after its request thread has returned (issue 18: a held heartbeat holds no thread).
    private boolean deferred;
    private boolean finished;
    private Runnable onFinish;

    /** The answer will come later from another thread, which then calls {@link #finish}: the request thread must not close the exchange. */
    synchronized void defer() { deferred = true; }

    synchronized boolean deferred() { return deferred; }

    /** Runs {@code release} once the deferred answer is out: now if it already is. */
    void releaseWhenFinished(Runnable release) {
        boolean now;
        synchronized (this) {
            now = finished;
            if (!now) onFinish = release;
        }
        if (now) release.run();
    }

    /** The deferred answer has been sent (or can not be): closes the exchange and releases what the request held. */
    void finish() {
        ex.close();
        Runnable r;
        synchronized (this) {
            finished = true;
            r = onFinish;
            onFinish = null;
        }
        if (r != null) r.run();
    }

    /**
     * The request body as text. A body over the cap is refused with 413; up to {@link #DRAIN_BYTES}
     * of it is read and dropped first, so that a client still sending sees the answer instead of a reset connection.
     */
    String body() throws IOException {
        return new String(bodyBytes(maxBodyBytes), StandardCharsets.UTF_8);
    }

    /** The request body as bytes, at most {@code limit} of them (more is a 413). */
    byte[] bodyBytes(int limit) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        long n = -1;
        if (declared != null) {
            try {
                n = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "bad Content-Length '" + declared + "'");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (InputStream in = ex.getRequestBody()) {
            if (n > limit) throw tooLarge(in, buf, limit);
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                out.write(buf, 0, r);
                if (out.size() > limit) throw tooLarge(in, buf, limit);
            }
        }
        return out.toByteArray();
    }

    static final long DRAIN_BYTES = 64L << 20;

    private static ApiError tooLarge(InputStream in, byte[] buf, int limit) throws IOException {
        long drained = 0;
        for (int r = in.read(buf); r >= 0 && drained < DRAIN_BYTES; r = in.read(buf)) drained += r;
        return new ApiError(413, "request body larger than " + limit + " bytes");
    }

    /** Reads and drops what is left of the request body, up to {@link #DRAIN_BYTES}. */
    static void drain(HttpExchange ex) {
        byte[] buf = new byte[8192];
        long drained = 0;
        try {
            InputStream in = ex.getRequestBody();
            for (int r = in.read(buf); r >= 0 && drained < DRAIN_BYTES; r = in.read(buf)) drained += r;
        } catch (IOException e) {
            // read and closed already, or the client went away: nothing left to drain
        }
    }

    /** The body as a JSON object; anything else is a 400. */
    ObjectNode jsonBody() throws IOException {
        String text = body();
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiError(400, "body is not valid JSON: " + org.mesocosm.runtime.spec.JobSpecReader.parserMessage(e.getOriginalMessage()));
        }
        if (!(n instanceof ObjectNode o)) throw new ApiError(400, "body must be a JSON object");
        return o;
    }

    long longParam(String name, long dflt) {
        String v = query.get(name);
        if (v == null) return dflt;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, name, name + ": not a whole number: '" + v + "'");
        }
    }

    void json(int status, JsonNode body) throws IOException {
        send(status, "application/json", JSON.writeValueAsBytes(body));
    }

    void text(int status, String contentType, String body) throws IOException {
        send(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    void error(int status, String field, String message) throws IOException {
        ObjectNode o = JSON.createObjectNode().put("error", message);
        if (!field.isEmpty()) o.put("field", field);
        json(status, o);
    }

    private void send(int status, String contentType, byte[] bytes) throws IOException {
        if (answered) return;
        answered = true;
        ex.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        String master = masterHeader.get();
        if (master != null) ex.getResponseHeaders().set(MASTER_HEADER, master);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    /**
     * One segment of the raw path, its %-escapes decoded ({@code analytics%3Areport}, as clients
     * encode a job key, is {@code analytics:report}); a '+' stays a '+' in a path. Lenient, as {@link #decode}.
     */
    static String pathSegment(String raw) {
        return decode(raw.replace("+", "%2B"));
    }

    /** Lenient: a malformed escape stays as written, and whatever uses the value rejects it with a proper answer. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return m;
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            m.put(decode(k), decode(v));
        }
        return m;
    }
}
