package org.mesocosm.runtime.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Slows down token guessing: after {@code maxFailures} bad credentials from one client address
 * within one window, that address is refused (429) until the window ends, whatever it sends. The
 * audit log gets one line per address and window (the first failure, then how many followed),
 * so a flood of bad tokens cannot flood the log.
 *
 * <p>A client behind a shared address (NAT, a proxy) shares its allowance: that is the price of
 * not trusting forwarded-for headers.
 */
final class LoginThrottle {
    static final int DEFAULT_MAX_FAILURES = 20;
    static final long DEFAULT_WINDOW_NANOS = 60_000_000_000L;

    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Consumer<String> audit;
    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();

    /** Failures of one address in the window that started at {@code start}. */
    private static final class Window {
        final long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }

    LoginThrottle(int maxFailures, long windowNanos, LongSupplier nanoClock, Consumer<String> audit) {
        if (maxFailures < 1 || windowNanos <= 0) throw new IllegalArgumentException("a throttle needs at least one failure and a window");
        this.maxFailures = maxFailures;
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
        this.audit = audit;
    }

    static LoginThrottle defaults(Consumer<String> audit) {
        return new LoginThrottle(DEFAULT_MAX_FAILURES, DEFAULT_WINDOW_NANOS, System::nanoTime, audit);
    }

    /** A 429 if {@code address} used up its failures in the current window. */
    void check(String address) {
        Window w = current(address, false);
        if (w != null && w.failures >= maxFailures) {
            long left = Math.max(1, (w.start + windowNanos - nanoClock.getAsLong()) / 1_000_000_000L);
            throw new ApiError(429, "too many bad credentials from " + address + ": try again in " + left + " s");
        }
    }

    /** Counts one bad credential from {@code address}; {@code line} says what it was (logged for the first of a window). */
    void failed(String address, String line) {
        Window w = current(address, true);
        int n;
        synchronized (w) {
            n = ++w.failures;
        }
        if (n == 1) audit.accept(line);
        else if (n == maxFailures) {
            audit.accept(AccessControl.LOG + maxFailures + " bad credentials from " + address + " within " + windowNanos / 1_000_000_000L
                    + " s: refusing it (429) until the window ends; not logging each one");
        }
    }

    private Window current(String address, boolean create) {
        long now = nanoClock.getAsLong();
        Window w = byAddress.get(address);
        if (w != null && now - w.start < windowNanos) return w;
        if (w != null) byAddress.remove(address, w);
        if (byAddress.size() > 100_000) byAddress.clear(); // a spray from many addresses: forget rather than grow without bound
        return create ? byAddress.computeIfAbsent(address, a -> new Window(now)) : null;
    }
}
