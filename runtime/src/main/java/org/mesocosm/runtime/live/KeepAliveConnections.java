package org.mesocosm.runtime.live;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many connections one client address may keep alive (issue 18, finding 6: the keep-alive gap).
 * The JDK server reads a keep-alive connection's next request on a request thread, blocking, before
 * any hook of the master's runs: 12 connections from one address that each completed a request and
 * then sent a few bytes of the next held all 6 threads of a test server, and a request from another
 * address was dropped unanswered after the 10 s read timeout ({@code KeepAliveCapTest}). So a
 * connection is kept alive only while its address keeps fewer than the cap: beyond, its answer says
 * {@code Connection: close} and the server closes it, and stalled next requests from one address
 * hold at most the cap's worth of threads.
 *
 * <p>The JDK server tells no one when a connection closes. A connection is identified by the client's
 * address and port, and counted from its request until {@code lifetime} after its last answer: the
 * server closes a connection idle for its idle interval and a next request not read within its read
 * timeout, so none it kept alive lives longer unheard of. Counting past a client's own close only
 * costs that address a keep-alive (its later connections are closed after one answer each).
 */
final class KeepAliveConnections {
    /** An entry for a connection whose request is being answered: it does not expire. */
    private static final long ANSWERING = Long.MAX_VALUE;
    private final long lifetimeNanos;
    private final LongSupplier nanos;
    /** Per address: port of each connection counted, to when it was last answered (or {@link #ANSWERING}). Guarded by this. */
    private final Map<InetAddress, Map<Integer, Long>> byAddress = new HashMap<>();
    private long sweptAt;

    KeepAliveConnections(long lifetimeNanos, LongSupplier nanos) {
        this.lifetimeNanos = lifetimeNanos;
        this.nanos = nanos;
        this.sweptAt = nanos.getAsLong();
    }

    /** The JDK server's idle interval plus its request read time (both in seconds, from its system properties). */
    static long serverLifetimeNanos() {
        long idle = Long.getLong("sun.net.httpserver.idleInterval", 30), read = Long.getLong("sun.net.httpserver.maxReqTime", ApiServer.REQUEST_READ_SECONDS);
        return (idle + Math.max(0, read)) * 1_000_000_000L;
    }

    /**
     * A request on connection {@code remote} reached the handler: true if the connection may stay open
     * after its answer (it is counted already, or its address has fewer than {@code max} counted).
     */
    synchronized boolean keep(InetSocketAddress remote, int max) {
        long now = nanos.getAsLong();
        if (now - sweptAt > lifetimeNanos) sweep(now);
        Map<Integer, Long> ports = byAddress.computeIfAbsent(remote.getAddress(), k -> new HashMap<>());
        expire(ports, now);
        if (ports.containsKey(remote.getPort()) || ports.size() < max) {
            ports.put(remote.getPort(), ANSWERING);
            return true;
        }
        return false;
    }

    /** The request on {@code remote} has been answered: its connection counts for {@code lifetime} more (if it is counted). */
    synchronized void answered(InetSocketAddress remote) {
        Map<Integer, Long> ports = byAddress.get(remote.getAddress());
        if (ports != null) ports.computeIfPresent(remote.getPort(), (p, t) -> nanos.getAsLong());
    }

    /** Connections counted for {@code address} now (tests). */
    synchronized int counted(InetAddress address) {
        Map<Integer, Long> ports = byAddress.get(address);
        if (ports == null) return 0;
        expire(ports, nanos.getAsLong());
        return ports.size();
    }

    private void expire(Map<Integer, Long> ports, long now) {
        ports.values().removeIf(t -> t != ANSWERING && now - t > lifetimeNanos);
    }

    /** Drops expired entries of every address, so that addresses not heard from again take no memory. */
    private void sweep(long now) {
        sweptAt = now;
        for (Iterator<Map<Integer, Long>> it = byAddress.values().iterator(); it.hasNext(); ) {
            Map<Integer, Long> ports = it.next();
            expire(ports, now);
            if (ports.isEmpty()) it.remove();
        }
    }
}
