package org.mesocosm.runtime.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The connections' side of the API: the JDK HTTP(S) server bound to its address with the TLS
 * protocols and suites the master allows, the request threads, and the per-address caps of
 * {@link ClientLimits} on TLS handshakes and requests in flight. Apart from {@link ApiServer} so
 * that the server answers requests and this class alone decides which of them get a thread.
 */
final class ApiListener {
    /** Requests waiting for a thread before the server refuses more (the JDK server then drops the connection). */
    static final int QUEUED_REQUESTS = 4096;

    private final HttpServer server;
    private final ThreadPoolExecutor threads;
    /** Per-address caps on TLS connections in handshake and requests in flight (see {@link ClientLimits}). */
    private final ClientLimits clientLimits;

    /**
     * @param tls the server's TLS context (HTTPS only); null for plain HTTP
     * @param wantClientCertificates ask TLS clients for a certificate ({@link AccessControl#clientCertificates})
     * @param requestsPerAddress the initial cap of {@link ClientLimits}
     */
    ApiListener(InetSocketAddress address, SSLContext tls, boolean wantClientCertificates, int requestsPerAddress, HttpHandler handler)
            throws IOException {
        this.clientLimits = new ClientLimits(requestsPerAddress);
        if (tls == null) {
            this.server = HttpServer.create(address, 128);
        } else {
            HttpsServer https = HttpsServer.create(address, 128);
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    clientLimits.handshakeStarts(params); // on the request thread, before the handshake: beyond the cap, closed here
                    SSLParameters p = getSSLContext().getDefaultSSLParameters();
                    p.setProtocols(TlsSuites.PROTOCOLS);
                    p.setCipherSuites(TlsSuites.withoutCbcSha1(p.getCipherSuites()));
                    p.setWantClientAuth(wantClientCertificates);
                    params.setSSLParameters(p);
                }
            });
            this.server = https;
        }
        AtomicInteger n = new AtomicInteger();
        // up to 512 requests handled at once, the rest queue (a burst is not refused); a held heartbeat holds no thread
        // (AgentEndpoints parks it), and one address holds at most --max-requests-per-address of them (ClientLimits), as of its TLS handshakes
        ThreadPoolExecutor pool = new ThreadPoolExecutor(512, 512, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUED_REQUESTS), r -> {
            Thread t = new Thread(r, "mesocosm-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
        server.setExecutor(clientLimits.wrap(threads));
        server.createContext("/", handler);
    }

    void start() {
        server.start();
    }

    /** The address and port actually bound. */
    InetSocketAddress address() { return server.getAddress(); }

    /** Most request threads at once. */
    void setRequestThreads(int max) {
        ThreadPoolExecutor pool = threads;
        if (max < pool.getMaximumPoolSize()) {
            pool.setCorePoolSize(max);
            pool.setMaximumPoolSize(max);
        } else {
            pool.setMaximumPoolSize(max);
            pool.setCorePoolSize(max);
        }
    }

    /** Most requests in flight, and TLS connections in their handshake, from one client address. */
    void setRequestsPerAddress(int max) {
        clientLimits.setMax(max);
    }

    /** Whether a request may go on; false when its address is over the cap (answered 429). See {@link ClientLimits#admit}. */
    boolean admit(HttpExchange ex) {
        return clientLimits.admit(ex);
    }

    /** A request admitted from {@code remote} is over. */
    void release(InetSocketAddress remote) {
        clientLimits.release(remote);
    }

    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }
}
