package org.mesocosm.runtime.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

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

    /**
     * As {@link #configure(HttpClient.Builder)}, for a client of one master: for a plain {@code http} master with no TLS
     * trust of its own, a context that refuses all use instead of the JVM's default one, which the HTTP client would
     * otherwise build (reading the whole CA store) for a connection that never uses TLS.
     */
    public HttpClient.Builder configure(HttpClient.Builder b, URI master) {
        if (tls == null && "http".equalsIgnoreCase(master.getScheme())) {
            return b.sslContext(PlainHttpOnly.CONTEXT).sslParameters(new SSLParameters());
        }
        return configure(b);
    }

    public HttpRequest.Builder authorize(HttpRequest.Builder b) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    @Override
    public String toString() {
        return "ClientSecurity[tls=" + (tls != null) + ", token=" + (token == null ? "none" : "<redacted>") + "]";
    }
}
