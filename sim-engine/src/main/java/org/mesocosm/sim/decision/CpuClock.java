package org.mesocosm.sim.decision;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of the current thread, for {@code --decision-time measured}. Here in the
 * simulation engine and never in the master core, which must not read clocks (DESIGN.md §1).
 */
final class CpuClock {
    private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

    private CpuClock() {}

    static void check() {
        if (!BEAN.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalArgumentException("--decision-time measured: this JVM cannot read a thread's CPU time");
        }
        if (!BEAN.isThreadCpuTimeEnabled()) BEAN.setThreadCpuTimeEnabled(true);
    }

    /** Nanoseconds of CPU the current thread has used. */
    static long nanos() { return BEAN.getCurrentThreadCpuTime(); }
}
