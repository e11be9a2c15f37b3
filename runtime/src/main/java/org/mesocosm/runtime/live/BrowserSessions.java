package org.mesocosm.runtime.live;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Browser log-in: a form at {@code /login} takes the principal and its token; the answer sets a
 * random session id in an {@code HttpOnly; SameSite=Strict} cookie ({@code Secure} under TLS), so
 * a browser never holds the token itself and never sends the session along with a request that
 * another site started. Scripts keep sending {@code Authorization} headers (Bearer, or Basic
 * given explicitly): the master no longer asks browsers for Basic credentials, which they would
 * resend to it on every request, cross-site ones included.
 */
final class BrowserSessions {
    static final String COOKIE = "mesocosm_session";
    static final long DEFAULT_TTL_NANOS = 8L * 3600 * 1_000_000_000L;
    private static final int MAX_SESSIONS = 10_000;

    private record Session(String principal, long expiresNanos) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final long ttlNanos;
    private final boolean secure;

    /** @param secure served over TLS: the cookie is marked Secure */
    BrowserSessions(boolean secure, long ttlNanos, LongSupplier nanoClock) {
        this.secure = secure;
        this.ttlNanos = ttlNanos;
        this.nanoClock = nanoClock;
    }

    /** Starts a session for {@code principal}; returns the Set-Cookie header value. */
    String open(String principal) {
        long now = nanoClock.getAsLong();
        if (sessions.size() >= MAX_SESSIONS) sessions.values().removeIf(s -> s.expiresNanos - now < 0);
        if (sessions.size() >= MAX_SESSIONS) throw new ApiError(503, "too many browser sessions; log in again later");
        byte[] id = new byte[32];
        random.nextBytes(id);
        String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        sessions.put(sid, new Session(principal, now + ttlNanos));
        return cookie(sid, ttlNanos / 1_000_000_000L);
    }

    /** Ends the session named by this Cookie header (if any); returns the Set-Cookie value that clears it. */
    String close(String cookieHeader) {
        String sid = sessionId(cookieHeader);
        if (sid != null) sessions.remove(sid);
        return cookie("", 0);
    }

    /** The principal of a live session named by this Cookie header, or null. */
    String principal(String cookieHeader) {
        String sid = sessionId(cookieHeader);
        if (sid == null) return null;
        Session s = sessions.get(sid);
        if (s == null) return null;
        if (s.expiresNanos - nanoClock.getAsLong() < 0) {
            sessions.remove(sid);
            return null;
        }
        return s.principal;
    }

    private String cookie(String value, long maxAgeSeconds) {
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    static String sessionId(String cookieHeader) {
        if (cookieHeader == null) return null;
        for (String part : cookieHeader.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=")) {
                String v = p.substring(COOKIE.length() + 1);
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** The fields of an {@code application/x-www-form-urlencoded} body. */
    static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            try {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "malformed form field");
            }
        }
        return m;
    }

    /** The log-in page; {@code error} (may be null) is shown above the form. */
    static String page(String error) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Mesocosm master: log in</title>"
                + "<style>body{font:14px system-ui,sans-serif;margin:2em}label{display:block;margin:.6em 0}</style></head><body>"
                + "<h1>Mesocosm master</h1>" + (error == null ? "" : "<p style=\"color:#a31515\">" + StatusPage.esc(error) + "</p>")
                + "<form method=\"post\" action=\"/login\"><label>principal <input name=\"principal\" autocomplete=\"username\"></label>"
                + "<label>token <input name=\"token\" type=\"password\" autocomplete=\"current-password\"></label>"
                + "<button type=\"submit\">log in</button></form></body></html>";
    }
}
