package org.mesocosm.runtime.live;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the requests in flight per client IP address, so that one address can not hold every
 * request thread (issue 18, finding 6). A request is in flight from the moment a request thread
 * starts on it until its answer is sent, including a long-poll heartbeat parked without a thread.
 * It does not count idle keep-alive connections or connections still in their TLS handshake (the
 * JDK server gives no hook at accept time; those are cut by the read timeout instead).
 */
final class AddressLimiter {
    private final ConcurrentHashMap<InetAddress, Integer> inFlight = new ConcurrentHashMap<>();

    /** Counts one more request from {@code from} unless it already has {@code max}; false means refuse it. */
    boolean tryAcquire(InetAddress from, int max) {
        boolean[] admitted = {false};
        inFlight.compute(from, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) return n;
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    /** One request from {@code from} has been answered (or dropped). */
    void release(InetAddress from) {
        inFlight.computeIfPresent(from, (k, n) -> n <= 1 ? null : n - 1); // no entry left for an address with none
    }

    /** Requests in flight from {@code from} (for tests and the metrics). */
    int inFlight(InetAddress from) {
        return inFlight.getOrDefault(from, 0);
    }
}
