package org.mesocosm.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceRecord;
import org.mesocosm.traces.TraceSpec;
import org.mesocosm.traces.stats.TraceProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mesocosm trace inspect FORMAT:PATH}: what a trace holds, read as a replay would read it. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        header = "Summarize a trace as a replay maps it: rows, jobs, tasks, machines and distributions.",
        description = {"Prints rows, jobs, tasks, machines, time span, and the request, run-time and queueing-delay "
                + "distributions. --html also writes a page with charts."})
final class TraceInspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FORMAT:PATH", description = "The trace, e.g. google2011:data/traces/google2011.")
    String trace;

    @Option(names = "--html", arity = "0..1", fallbackValue = "runs/trace-inspect.html", paramLabel = "FILE",
            description = "Also write an HTML page with charts (default file: ${FALLBACK-VALUE}).")
    Path html;

    @Mixin
    TraceOptionsMixin traceOptions;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws Exception {
        boolean json = output.json();
        TraceSpec spec = TraceArgs.spec(trace);
        if (spec.format() == org.mesocosm.traces.TraceFormat.OPENB) return inspectOpenb(spec);
        TraceOptions opts = traceOptions.options();
        TraceProfile profile = new TraceProfile();
        long t0 = System.nanoTime();
        String name;
        long span;
        org.mesocosm.traces.ReadStats stats;
        try (TraceReader r = TraceArgs.open(spec, opts)) {
            RecordProgress progress = new RecordProgress("inspect");
            TraceRecord rec;
            while ((rec = r.next()) != null) {
                profile.accept(rec);
                progress.tick();
            }
            progress.done();
            name = r.name();
            span = r.spanMicros();
            stats = r.stats();
        } catch (TraceException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        InspectReport report = new InspectReport(name, profile, stats, span, wall);
        if (json) OutputOption.print(report.json());
        else System.out.print(report.text());
        if (html != null) {
            Path parent = html.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(html, report.html(), StandardCharsets.UTF_8);
            System.err.println("wrote " + html);
        }
        return 0;
    }

    /** openb is a node list and a pod list of GPU shapes: its summary is about GPUs, not jobs. */
    private int inspectOpenb(TraceSpec spec) {
        try {
            System.out.print(org.mesocosm.traces.openb.OpenbSummary.text(trace, org.mesocosm.traces.openb.OpenbReader.readDir(spec.path())));
        } catch (TraceException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
        return 0;
    }
}
