package org.mesocosm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.mesocosm.runtime.metrics.MetricsRecorder;
import org.mesocosm.runtime.metrics.TaskRowSink;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.SimConfig;
import org.mesocosm.sim.Simulation;
import org.mesocosm.traces.TraceFormat;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.TraceWorkload;
import org.mesocosm.traces.bin.BinaryTraceWriter;
import org.mesocosm.traces.google2011.TaskEvent;
import org.mesocosm.traces.io.LineReader;
import org.mesocosm.traces.io.RowException;
import org.mesocosm.workloads.ClusterShapes;

/**
 * The rates of {@link TraceParseBench} in CPU time of the reading thread, for machines where other
 * work competes for the cores (wall-clock JMH scores then measure the neighbours), plus the
 * simulation's own rate on the same trace, to show which one bounds a replay:
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.mesocosm.bench.TraceRateHarness [rows] [nodes]
 * </pre>
 * Each reading path runs five times after two warm-up runs; the best run is reported.
 */
public final class TraceRateHarness {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private TraceRateHarness() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : TraceParseBench.ROWS;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path dir = Files.createTempDirectory("mesocosm-trace-rate");
        try {
            Path file = SyntheticTaskEvents.write(dir, rows, 2011);
            Path bin = dir.resolve("trace.mtrace");
            try (TraceReader r = TraceFormat.GOOGLE2011.open(dir.resolve("task_events"), TraceOptions.defaults())) {
                BinaryTraceWriter.convert(r, bin);
            }
            long lines = Files.lines(file).count();
            report("parse task_events (text layer)", lines, best(() -> parse(file)));
            report("replay task_events (reader)", lines, best(() -> drain(TraceFormat.GOOGLE2011, dir.resolve("task_events"))));
            report("read converted form", lines, best(() -> drain(TraceFormat.MESOCOSM, bin)));
            simulate(bin, nodes);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    private interface Run {
        long go() throws Exception;
    }

    /** {cpu seconds, wall seconds, items} of the fastest of five runs after two warm-ups. */
    private static double[] best(Run run) throws Exception {
        double[] best = null;
        for (int i = 0; i < 7; i++) {
            long c0 = CPU.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            long items = run.go();
            double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9, wall = (System.nanoTime() - w0) / 1e9;
            if (i >= 2 && (best == null || cpu < best[0])) best = new double[] {cpu, wall, items};
        }
        return best;
    }

    private static void report(String what, long rows, double[] r) {
        System.out.printf(Locale.ROOT, "%-34s %,12.0f rows per CPU-second   (%,.0f rows/s wall; %,d rows, %,.0f records)%n",
                what, rows / r[0], rows / r[1], rows, r[2]);
    }

    private static long parse(Path file) throws RowException {
        TaskEvent e = new TaskEvent();
        long n = 0;
        try (LineReader r = new LineReader(file)) {
            while (r.next()) {
                e.parse(r.buf(), r.start(), r.end());
                n++;
            }
        }
        return n;
    }

    private static long drain(TraceFormat f, Path p) {
        long n = 0;
        try (TraceReader r = f.open(p, TraceOptions.defaults())) {
            for (TraceRecord rec = r.next(); rec != null; rec = r.next()) n++;
        }
        return n;
    }

    /** The simulation fed from the converted form: its events per CPU-second against the reader's. */
    private static void simulate(Path bin, int nodes) {
        TraceWorkload w = new TraceWorkload(TraceFormat.MESOCOSM.open(bin, TraceOptions.defaults()), 1);
        MetricsRecorder m = new MetricsRecorder(TaskRowSink.NONE);
        SimConfig cfg = SimConfig.defaults(ClusterShapes.uniform(nodes, TraceFormat.GOOGLE2011.defaultMachine()), 1);
        long c0 = CPU.getCurrentThreadCpuTime(), w0 = System.nanoTime();
        Simulation.Result r = new Simulation(cfg, w, PolicyRegistry.load().create("drf"), m, List.of()).run();
        double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9, wall = (System.nanoTime() - w0) / 1e9;
        System.out.printf(Locale.ROOT, "%-34s %,12.0f events per CPU-second (%,.0f events/s wall; %,d events, %,d trace records, %d nodes, %s)%n",
                "simulate the converted trace (drf)", r.events() / cpu, r.events() / wall, r.events(), w.records(), nodes,
                r.endReason().name().toLowerCase(Locale.ROOT));
    }
}
