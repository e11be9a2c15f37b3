package org.mesocosm.runtime.security;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of a client that talks to an {@code http://} master: it has none. {@link java.net.http.HttpClient}
 * asks for the JVM's default TLS context when given no context, and building that one reads and parses the whole CA
 * trust store and starts the security providers: about half of a client command's start-up, for a connection that never
 * uses TLS. Every use of this one fails, so an {@code https} URL given to such a client is an error, never a silent
 * trust of nothing.
 */
final class PlainHttpOnly extends SSLContext {
    static final PlainHttpOnly CONTEXT = new PlainHttpOnly();

    private PlainHttpOnly() {
        super(new Spi(), null, "none");
    }

    private static final class Spi extends SSLContextSpi {
        private static IllegalStateException noTls() {
            return new IllegalStateException("this client was made for a plain http:// master and has no TLS context");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw noTls();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw noTls();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw noTls();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw noTls();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw noTls();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw noTls();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw noTls();
        }
    }
}
