package org.mesocosm.runtime.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Consumer;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import org.mesocosm.runtime.security.Acl;
import org.mesocosm.runtime.security.Action;
import org.mesocosm.runtime.security.Credentials;

/**
 * The API's gate: who is asking (a bearer token from the credentials, or anonymous where that is
 * allowed; 401 otherwise; a browser, which cannot send a bearer token, logs in with HTTP Basic:
 * the principal as user name and the token as password; or, with {@code clientCertificates}, a
 * TLS client certificate from the client CA the server trusts, whose subject's CN is the principal) and whether the ACL lets them (403 otherwise). Every refusal is written
 * to the audit log with the principal and the action, so an operator can see who tried what.
 *
 * @param defaultUser the OS user a job's tasks run as when its spec names none; null: the agent's own
 * @param clientCertificates ask TLS clients for a certificate (the server's TLS context must trust only the client CA)
 */
public record AccessControl(Credentials credentials, Acl acl, boolean allowAnonymous, String defaultUser, Consumer<String> audit,
                            boolean clientCertificates) {
    public AccessControl(Credentials credentials, Acl acl, boolean allowAnonymous, String defaultUser, Consumer<String> audit) {
        this(credentials, acl, allowAnonymous, defaultUser, audit, false);
    }

    static final String LOG = "mesocosm master: ";

    /** No authentication, everything allowed: the API as it was before security (and for in-process tests that need none). */
    public static AccessControl open() {
        return new AccessControl(Credentials.none(), Acl.allowAll(), true, null, line -> { });
    }

    /** The principal of a request, or a 401. */
    String authenticate(HttpExchange ex) {
        return authenticate(ex, (address, line) -> audit.accept(line));
    }

    /**
     * The principal of a request, or a 401; a bad credential is reported to {@code failed} (client
     * address, audit line) which decides what to log (see {@link LoginThrottle}).
     */
    String authenticate(HttpExchange ex, java.util.function.BiConsumer<String, String> failed) {
        try {
            return identify(ex);
        } catch (Unauthorized u) {
            failed.accept(address(ex), u.line);
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"mesocosm\"");
            throw new ApiError(401, u.getMessage());
        }
    }

    /** A token, user/token pair or CN that named nobody: said once to the client, and maybe logged. */
    private static final class Unauthorized extends RuntimeException {
        final String line;

        Unauthorized(String line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /** Whether {@code token} is the token of {@code principal}, as the log-in form asks (the user name must match). */
    boolean tokenMatches(String principal, String token) {
        String p = credentials.principal(token);
        return p != null && p.equals(principal);
    }

    static String address(HttpExchange ex) {
        return ex.getRemoteAddress().getAddress().getHostAddress();
    }

    private String identify(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null) {
            String fromCert = clientCertificates ? certificatePrincipal(ex) : null;
            if (fromCert != null) return fromCert;
            if (allowAnonymous) return Credentials.ANONYMOUS;
            throw unauthorized(ex, "no credentials", "credentials required: send 'Authorization: Bearer TOKEN'");
        }
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) return basic(ex, h.substring(6).strip());
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) throw unauthorized(ex, "not a bearer token", "only 'Authorization: Bearer TOKEN' is accepted");
        String principal = credentials.principal(h.substring(7).strip());
        if (principal == null) throw unauthorized(ex, "unknown token", "the token is not valid");
        return principal;
    }

    /** The CN of a verified client certificate, or null if the client presented none. */
    private String certificatePrincipal(HttpExchange ex) {
        if (!(ex instanceof HttpsExchange hx) || hx.getSSLSession() == null) return null;
        Certificate[] chain;
        try {
            chain = hx.getSSLSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        String cn = commonName(((X509Certificate) chain[0]).getSubjectX500Principal());
        if (cn == null || !Credentials.isPrincipalName(cn)) throw unauthorized(ex, "client certificate without a usable CN", "the client certificate's CN is not a principal name");
        return cn;
    }

    private static String commonName(X500Principal subject) {
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) return rdn.getValue().toString();
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    private String basic(HttpExchange ex, String encoded) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized(ex, "malformed basic credentials", "malformed basic credentials");
        }
        int colon = pair.indexOf(':');
        String user = colon < 0 ? "" : pair.substring(0, colon);
        String principal = colon < 0 ? null : credentials.principal(pair.substring(colon + 1));
        if (principal == null || !(user.isEmpty() || user.equals(principal))) {
            throw unauthorized(ex, "bad basic credentials", "user name and token (as the password) do not match");
        }
        return principal;
    }

    /*
     * No 'WWW-Authenticate: Basic' challenge: a browser would ask for a password and then resend it
     * with every request to this master, cross-site ones included. Browsers log in at /login
     * ({@link BrowserSessions}); scripts may still send Basic credentials explicitly.
     */
    private RuntimeException unauthorized(HttpExchange ex, String why, String message) {
        return new Unauthorized(LOG + "unauthenticated (" + why + "): " + request(ex) + " from " + address(ex), message);
    }

    /** Refuses with a 403 (logged with principal and action) unless the ACL allows the request. */
    void require(HttpCall c, Action action, String object) {
        if (allows(c.principal, action, object)) return;
        String what = action.key() + (action.objects() == null ? "" : " (" + singular(action) + " '" + object + "')");
        audit.accept(LOG + "denied: principal=" + c.principal + " action=" + action.key()
                + (action.objects() == null ? "" : " " + singular(action) + "=" + object) + " request=" + request(c.ex));
        throw new ApiError(403, "principal '" + c.principal + "' may not " + what);
    }

    /**
     * Like {@link #require}, but a refusal is a 404 with {@code notFound} (logged as a denial): for
     * objects whose mere existence a principal may not learn, such as other roles' job ids.
     */
    void requireOrHide(HttpCall c, Action action, String object, String notFound) {
        try {
            require(c, action, object);
        } catch (ApiError e) {
            throw new ApiError(404, notFound);
        }
    }

    boolean allows(String principal, Action action, String object) {
        return acl.allows(principal, action, object);
    }

    /** The user a job's tasks run as: the spec's, else the default (null: the agent's own user). */
    String userOf(String specUser) {
        return specUser != null ? specUser : defaultUser;
    }

    private static String singular(Action a) {
        String o = a.objects();
        return o.endsWith("s") ? o.substring(0, o.length() - 1) : o;
    }

    private static String request(HttpExchange ex) {
        return ex.getRequestMethod().toUpperCase(Locale.ROOT) + " " + ex.getRequestURI().getRawPath();
    }
}
