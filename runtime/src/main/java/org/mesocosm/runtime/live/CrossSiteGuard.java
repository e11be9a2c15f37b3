package org.mesocosm.runtime.live;

import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests that a web page on another site could make a browser send (cross-site request
 * forgery). A mutation must name its body's type as one a plain HTML form cannot send
 * ({@code application/json}, {@code application/yaml}; a secret's value may be
 * {@code application/octet-stream}): 415 otherwise, and a browser must preflight such a request,
 * which this server never approves. A request whose {@code Origin} is not the master's own, or
 * whose {@code Sec-Fetch-Site} says another site started it, is refused with 403.
 */
final class CrossSiteGuard {
    static final Set<String> BODY_TYPES = Set.of("application/json", "application/yaml", "application/x-yaml");
    static final String RAW = "application/octet-stream";

    private CrossSiteGuard() {}

    static boolean mutation(String method) {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    /** Throws 403 unless the request came from the master's own origin or from no browser page at all. */
    static void sameOrigin(HttpCall c, boolean tls) {
        String site = c.ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new ApiError(403, "cross-site request refused (Sec-Fetch-Site: " + site + ")");
        }
        String origin = c.ex.getRequestHeaders().getFirst("Origin");
        if (origin == null) return; // not a browser, or a same-origin GET/HEAD: nothing to check
        String host = c.ex.getRequestHeaders().getFirst("Host");
        String own = (tls ? "https://" : "http://") + (host == null ? "" : host.toLowerCase(Locale.ROOT));
        if (host == null || !origin.toLowerCase(Locale.ROOT).equals(own)) {
            throw new ApiError(403, "cross-site request refused: Origin " + origin + " is not this master's (" + own + ")");
        }
    }

    /** Throws 415 unless a mutation's Content-Type is one a form cannot send. */
    static void bodyType(HttpCall c, boolean rawAllowed) {
        String type = c.ex.getRequestHeaders().getFirst("Content-Type");
        String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (BODY_TYPES.contains(base) || (rawAllowed && base.equals(RAW))) return;
        throw new ApiError(415, "Content-Type", "Content-Type: " + (type == null ? "missing" : "'" + type + "' refused")
                + "; send application/json or application/yaml" + (rawAllowed ? " (or application/octet-stream)" : ""));
    }
}
