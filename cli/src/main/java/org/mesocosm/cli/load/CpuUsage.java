package org.mesocosm.cli.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM split by who spent it: the master (its event loop, HTTP server threads)
 * or the load generator (load agents, clients and their HTTP clients); the rest is the JVM's own
 * (GC, JIT). Master and load share the process, so this is how the master's cost per request is
 * told apart from the generator's, and it holds even on a machine busy with other work, where
 * wall-clock rates do not. Threads that end between two snapshots lose their time (the server's
 * threads live 30 s idle, so they do not during a run).
 */
final class CpuUsage {
    /** Seconds of CPU spent between two snapshots, by group. */
    record Split(double masterSeconds, double loopSeconds, double loadSeconds, double processSeconds) {
        double otherSeconds() { return Math.max(0, processSeconds - masterSeconds - loadSeconds); }
    }

    /** The master's single event-loop thread: its CPU per job bounds the master's throughput however many cores there are. */
    static final String LOOP_THREAD = "mesocosm-master-loop";

    private final Map<Long, Long> masterThreads = new HashMap<>();
    private final Map<Long, Long> loopThread = new HashMap<>();
    private final Map<Long, Long> loadThreads = new HashMap<>();
    private final long processNanos;

    private CpuUsage() {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        for (ThreadInfo i : t.getThreadInfo(t.getAllThreadIds())) {
            if (i == null) continue;
            long cpu = t.getThreadCpuTime(i.getThreadId());
            if (cpu < 0) continue;
            String n = i.getThreadName();
            if (isMaster(n)) masterThreads.put(i.getThreadId(), cpu);
            if (n.equals(LOOP_THREAD)) loopThread.put(i.getThreadId(), cpu);
            else if (n.startsWith("load-") || n.startsWith("HttpClient-")) loadThreads.put(i.getThreadId(), cpu);
        }
        processNanos = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    static boolean available() {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        return t.isThreadCpuTimeSupported() && t.isThreadCpuTimeEnabled();
    }

    static CpuUsage now() { return new CpuUsage(); }

    /** The master's threads: its own ({@code mesocosm-}) and the JDK HTTP server's. */
    private static boolean isMaster(String name) {
        return name.startsWith("mesocosm-") || name.equals("HTTP-Dispatcher") || name.startsWith("idle-timeout-task");
    }

    Split since(CpuUsage start) {
        return new Split(delta(masterThreads, start.masterThreads), delta(loopThread, start.loopThread), delta(loadThreads, start.loadThreads),
                (processNanos - start.processNanos) / 1e9);
    }

    private static double delta(Map<Long, Long> now, Map<Long, Long> then) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : now.entrySet()) sum += e.getValue() - then.getOrDefault(e.getKey(), 0L);
        return sum / 1e9;
    }
}
