package org.mesocosm.runtime.security;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import javax.net.ssl.SSLContext;

/**
 * How an agent or client talks to the master: the TLS context that decides which master to trust
 * (null: the JVM's default trust store) and the bearer token it presents (null: none, anonymous).
 *
 * @param tls trust for an {@code https} master; unused for {@code http}
 * @param token the bearer token; never printed
 */
public record ClientSecurity(SSLContext tls, String token) {
    /** No token and the default trust store: what an old-style plain-HTTP client did. */
    public static final ClientSecurity NONE = new ClientSecurity(null, null);

    public HttpClient.Builder configure(HttpClient.Builder b) {
        return tls == null ? b : b.sslContext(tls);
    }

    public HttpRequest.Builder authorize(HttpRequest.Builder b) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
        return "ClientSecurity[tls=" + (tls != null) + ", token=" + (token == null ? "none" : "<redacted>") + "]";
    }
}
