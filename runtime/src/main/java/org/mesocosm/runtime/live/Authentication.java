package org.mesocosm.runtime.live;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Who sends a request: an Authorization header or client certificate ({@link AccessControl}), else
 * a browser session ({@link BrowserSessions}) opened through the log-in form, else anonymous or a
 * 401. Bad credentials count against their address ({@link LoginThrottle}). Apart from
 * {@link ApiServer} so that the server routes and this class alone knows how a caller is named.
 * Any request thread.
 */
final class Authentication {
    private final AccessControl access;
    /** Whether the API is served over TLS: session cookies are then Secure, and origins https. */
    private final boolean tls;
    private final BrowserSessions sessions;
    private volatile LoginThrottle throttle;

    Authentication(AccessControl access, boolean tls) {
        this.access = access;
        this.tls = tls;
        this.sessions = new BrowserSessions(tls, BrowserSessions.DEFAULT_TTL_NANOS, System::nanoTime);
        this.throttle = LoginThrottle.defaults(access.audit());
    }

    /** Replaces the bad-credential throttle (tests use a small one). */
    void setThrottle(LoginThrottle t) {
        this.throttle = t;
    }

    /** Refuses a request from an address that sent too many bad credentials lately (see {@link LoginThrottle#check}). */
    void throttle(String from) {
        throttle.check(from);
    }

    /** Who asks: an Authorization header or client certificate, else a browser session, else anonymous or a 401. */
    String principal(HttpCall c) throws IOException {
        HttpExchange ex = c.ex;
        boolean guessed = ex.getRequestHeaders().containsKey("Authorization");
        if (!guessed) {
            String p = sessions.principal(ex.getRequestHeaders().getFirst("Cookie"));
            if (p != null) return p;
        }
        try {
            return access.authenticate(ex, (address, line) -> {
                if (guessed) throttle.failed(address, line);
                else access.audit().accept(line);
            });
        } catch (ApiError e) {
            String accept = ex.getRequestHeaders().getFirst("Accept");
            if (!guessed && c.method.equals("GET") && c.path.equals("/") && accept != null && accept.contains("text/html")) {
                ex.getResponseHeaders().set("Location", "/login");
                c.text(303, "text/plain", "log in at /login");
                return null;
            }
            throw e;
        }
    }

    /** {@code GET /login}: the form; {@code POST /login}: principal and token in, session cookie out; {@code POST /logout}. */
    void logInOut(HttpCall c, String from) throws IOException {
        if (c.path.equals("/login") && c.method.equals("GET")) {
            c.text(200, "text/html", BrowserSessions.page(null));
            return;
        }
        c.requirePost();
        CrossSiteGuard.sameOrigin(c, tls);
        if (c.path.equals("/logout")) {
            c.ex.getResponseHeaders().set("Set-Cookie", sessions.close(c.ex.getRequestHeaders().getFirst("Cookie")));
            c.ex.getResponseHeaders().set("Location", "/login");
            c.text(303, "text/plain", "logged out");
            return;
        }
        java.util.Map<String, String> form = BrowserSessions.form(c.body());
        String principal = form.getOrDefault("principal", "").strip(), token = form.getOrDefault("token", "").strip();
        if (!access.tokenMatches(principal, token)) {
            throttle.failed(from, AccessControl.LOG + "unauthenticated (bad log-in form): POST /login from " + from);
            c.text(401, "text/html", BrowserSessions.page("principal and token do not match"));
            return;
        }
        c.ex.getResponseHeaders().set("Set-Cookie", sessions.open(principal));
        c.ex.getResponseHeaders().set("Location", "/");
        c.text(303, "text/plain", "logged in as " + principal);
    }
}
