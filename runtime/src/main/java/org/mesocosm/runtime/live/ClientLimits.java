package org.mesocosm.runtime.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsParameters;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.Executor;

/**
 * What one client IP address may hold of the master's request threads (issue 18, finding 6), in the two places the
 * JDK's HTTP server gives a hook:
 * <ul>
 * <li><b>new TLS connections before their first request</b>: the JDK server runs the TLS handshake and reads the
 * request line and headers on a request thread, blocking. 1,000 stalled handshakes from one address held all 512
 * threads for the 10 s read timeout, over and over. The server's {@code HttpsConfigurator.configure} is called on that
 * thread, with the client's address, before the handshake: beyond the cap the connection is closed there, before
 * a byte of TLS is read. The count is per thread (a thread-local), so it is exact: it ends when the thread reaches
 * the handler or leaves the exchange (handshake failed, timed out, peer gone).</li>
 * <li><b>requests in flight</b>: from the handler's start to the answer sent, a parked long poll included
 * ({@link AddressLimiter}). Beyond the cap: 429, or the connection cut if answering would mean waiting for the
 * request's body (see {@link #refuse}).</li>
 * </ul>
 * The few bytes of a next request on a keep-alive connection, read before its headers are complete, are not counted
 * (no hook): instead an address keeps at most as many connections alive ({@link KeepAliveConnections}), so those
 * hold at most that many threads, each for at most the 10 s read timeout. An idle keep-alive connection holds no thread.
 */
final class ClientLimits {
    private final AddressLimiter requests = new AddressLimiter();
    private final AddressLimiter handshakes = new AddressLimiter();
    private final KeepAliveConnections keptAlive = new KeepAliveConnections(KeepAliveConnections.serverLifetimeNanos(), System::nanoTime);
    /** The address whose new connection this request thread is handshaking for, if any. */
    private final ThreadLocal<InetAddress> handshaking = new ThreadLocal<>();
    private volatile int max;

    ClientLimits(int max) {
        setMax(max);
    }

    void setMax(int max) {
        if (max < 1) throw new IllegalArgumentException("requests per address: at least 1");
        this.max = max;
    }

    /** The executor the server runs its exchanges on, so that a thread's handshake count ends with its exchange. */
    Executor wrap(Executor pool) {
        return exchange -> pool.execute(() -> {
            try {
                exchange.run();
            } finally {
                handshakeDone();
            }
        });
    }

    /**
     * From the TLS configurator, on the request thread, before the handshake: counts the connection or, beyond the
     * cap, throws, and the JDK server closes the connection (its exchange catches any exception from here and closes).
     */
    void handshakeStarts(HttpsParameters params) {
        InetAddress from = params.getClientAddress().getAddress();
        handshakeDone(); // a thread runs one exchange at a time: anything left over is not this connection's
        if (!handshakes.tryAcquire(from, max)) {
            throw new IllegalStateException("too many TLS connections in handshake from " + from.getHostAddress() + " (at most " + max + ")");
        }
        handshaking.set(from);
    }

    /** This thread's connection delivered its request (or its exchange ended): it is no longer counted as in handshake. */
    void handshakeDone() {
        InetAddress from = handshaking.get();
        if (from != null) {
            handshaking.remove();
            handshakes.release(from);
        }
    }

    /** Counts a request that reached the handler; false when its address is at the cap (it has then been answered 429 or cut). */
    boolean admit(HttpExchange ex) {
        handshakeDone();
        InetAddress from = ex.getRemoteAddress().getAddress();
        if (!requests.tryAcquire(from, max)) {
            refuse(ex, from);
            return false;
        }
        // beyond the address's kept-alive connections, this one closes after its answer (the JDK server honours the header)
        boolean closing = "close".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Connection"));
        if (!closing && !keptAlive.keep(ex.getRemoteAddress(), max)) ex.getResponseHeaders().set("Connection", "close");
        return true;
    }

    /** The request admitted from {@code remote} has been answered (or dropped). */
    void release(java.net.InetSocketAddress remote) {
        requests.release(remote.getAddress());
        keptAlive.answered(remote);
    }

    /**
     * Refuses a request beyond the cap without holding this thread. The JDK 17 server reads and drops what is left of a
     * request's body (up to 64 KiB: ExchangeImpl.close, LeftOverInputStream.drain) before it finishes ANY response, a
     * body-less one included, so answering a request whose announced body trickles in held the thread up to the 10 s
     * read timeout, and one address could again hold every thread. So:
     * <ul>
     * <li>a request whose whole body is already here (none, or all of it buffered with the headers, as a small JSON
     * body is) gets 429 with {@code Retry-After: 1} and {@code Connection: close}: the drain reads only the buffer;</li>
     * <li>any other is cut: the exchange is closed before a response is begun, which closes the connection at once
     * (ExchangeImpl.close closes the connection without a drain while no response stream exists).</li>
     * </ul>
     * (Setting {@code sun.net.httpserver.drainAmount=0} instead made the server close every keep-alive connection
     * after a GET.) The reason is in a header: the answer has no body, as the server would then drain after it too.
     */
    private void refuse(HttpExchange ex, InetAddress from) {
        if (!bodyAlreadyHere(ex)) {
            ex.close(); // no response begun: the connection is closed, nothing read
            return;
        }
        try {
            ex.getResponseHeaders().set("Connection", "close");
            ex.getResponseHeaders().set("Retry-After", "1");
            ex.getResponseHeaders().set("X-Mesocosm-Error", "too many requests in flight from " + from.getHostAddress() + " (at most " + max + ")");
            ex.sendResponseHeaders(429, -1);
        } catch (IOException | RuntimeException e) {
            // the client went away
        } finally {
            ex.close();
        }
    }

    /** True if the request announces no body or all of it has already been read off the socket into the server's buffer. */
    private static boolean bodyAlreadyHere(HttpExchange ex) {
        if (ex.getRequestHeaders().containsKey("Transfer-encoding")) return false; // chunked: its length is unknown
        String announced = ex.getRequestHeaders().getFirst("Content-Length");
        long length;
        try {
            length = announced == null ? 0 : Long.parseLong(announced.trim()); // the server has refused a bad one already
        } catch (NumberFormatException e) {
            return false;
        }
        if (length == 0) return true;
        try {
            return ex.getRequestBody().available() >= length;
        } catch (IOException e) {
            return false;
        }
    }
}
