package org.mesocosm.runtime.live;

import com.sun.net.httpserver.HttpExchange;
import java.util.Locale;
import java.util.function.Consumer;
import org.mesocosm.runtime.security.Acl;
import org.mesocosm.runtime.security.Action;
import org.mesocosm.runtime.security.Credentials;

/**
 * The API's gate: who is asking (a bearer token from the credentials, or anonymous where that is
 * allowed; 401 otherwise) and whether the ACL lets them (403 otherwise). Every refusal is written
 * to the audit log with the principal and the action, so an operator can see who tried what.
 *
 * @param defaultUser the OS user a job's tasks run as when its spec names none; null: the agent's own
 */
public record AccessControl(Credentials credentials, Acl acl, boolean allowAnonymous, String defaultUser, Consumer<String> audit) {
    static final String LOG = "mesocosm master: ";

    /** No authentication, everything allowed: the API as it was before security (and for in-process tests that need none). */
    public static AccessControl open() {
        return new AccessControl(Credentials.none(), Acl.allowAll(), true, null, line -> { });
    }

    /** The principal of a request, or a 401. */
    String authenticate(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null) {
            if (allowAnonymous) return Credentials.ANONYMOUS;
            throw unauthorized(ex, "no credentials", "credentials required: send 'Authorization: Bearer TOKEN'");
        }
        if (!h.regionMatches(true, 0, "Bearer ", 0, 7)) throw unauthorized(ex, "not a bearer token", "only 'Authorization: Bearer TOKEN' is accepted");
        String principal = credentials.principal(h.substring(7).strip());
        if (principal == null) throw unauthorized(ex, "unknown token", "the token is not valid");
        return principal;
    }

    private ApiError unauthorized(HttpExchange ex, String why, String message) {
        audit.accept(LOG + "unauthenticated (" + why + "): " + request(ex) + " from " + ex.getRemoteAddress().getAddress().getHostAddress());
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"mesocosm\"");
        return new ApiError(401, message);
    }

    /** Refuses with a 403 (logged with principal and action) unless the ACL allows the request. */
    void require(HttpCall c, Action action, String object) {
        if (allows(c.principal, action, object)) return;
        String what = action.key() + (action.objects() == null ? "" : " " + object);
        audit.accept(LOG + "denied: principal=" + c.principal + " action=" + action.key()
                + (action.objects() == null ? "" : " " + singular(action) + "=" + object) + " request=" + request(c.ex));
        throw new ApiError(403, "principal '" + c.principal + "' may not " + what);
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
