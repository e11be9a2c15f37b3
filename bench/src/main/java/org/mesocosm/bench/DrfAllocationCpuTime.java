package org.mesocosm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The round of {@link DrfAllocationBench}, timed by the CPU time of the thread as well as by the
 * wall clock. On a shared machine the wall clock counts the time other processes hold the core;
 * the thread's CPU time does not (it still pays for caches they evict). Usage:
 * {@code java -cp bench/target/benchmarks.jar org.mesocosm.bench.DrfAllocationCpuTime [rounds] [sorter...]}.
 */
public final class DrfAllocationCpuTime {
    private DrfAllocationCpuTime() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String[] sorters = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"drf", "resort"};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String sorter : sorters) {
            DrfAllocationBench b = new DrfAllocationBench();
            b.agents = 10_000;
            b.roles = 100;
            b.sorter = sorter;
            long[] cpu = new long[rounds], wall = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                b.freshCluster();
                System.gc(); // the setup's garbage is not the round's
                long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                b.allocationRound();
                wall[i] = System.nanoTime() - w0;
                cpu[i] = mx.getCurrentThreadCpuTime() - c0;
            }
            // the first half warms the JIT up
            long[] c = Arrays.copyOfRange(cpu, rounds / 2, rounds), w = Arrays.copyOfRange(wall, rounds / 2, rounds);
            Arrays.sort(c);
            Arrays.sort(w);
            System.out.printf("%-7s 10,000 agents, 100 roles: cpu median %.2f ms (min %.2f, max %.2f); wall median %.2f ms (min %.2f)%n",
                    sorter, c[c.length / 2] / 1e6, c[0] / 1e6, c[c.length - 1] / 1e6, w[w.length / 2] / 1e6, w[0] / 1e6);
        }
    }
}
