package org.mesocosm.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceSpec;
import org.mesocosm.traces.bin.BinaryTraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mesocosm trace convert FORMAT:PATH --out FILE}: the compact binary form (layout in
 * traces/README.md). Written to a temporary file beside the target and moved into place only when
 * complete, so a failed conversion never leaves a file that looks like a shorter trace.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, resourceBundle = "org.mesocosm.cli.TraceConvertCommand$Help",
        header = "Convert a trace to Mesocosm's compact binary form, which replays without re-parsing text.",
        description = {
                "Name the output *.gz to compress it. Replay it with --trace bin:FILE (or just FILE)."})
final class TraceConvertCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FORMAT:PATH", description = "The trace to convert.")
    String trace;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The converted trace.")
    Path out;

    @Mixin
    TraceOptionsMixin traceOptions;

    /** This command's wording of {@code --lenient}: what becomes of the skip counts. */
    public static final class Help extends OptionWording {
        public Help() {
            super(TraceOptionsMixin.LENIENT_KEY, "Skip malformed rows (counted per reason; the counts are kept in the file).");
        }
    }

    @Override
    public Integer call() throws Exception {
        TraceSpec spec = TraceArgs.spec(trace);
        TraceOptions opts = traceOptions.options();
        Path abs = out.toAbsolutePath();
        if (abs.getParent() != null) Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".part" + (abs.getFileName().toString().endsWith(".gz") ? ".gz" : ""));
        long t0 = System.nanoTime();
        long records;
        try (TraceReader r = TraceArgs.open(spec, opts)) {
            records = BinaryTraceWriter.convert(r, tmp);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            double wall = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "converted %s: %,d rows (%,d skipped) -> %,d records, %,d bytes in %s (%.2fs, %,.0f rows/s)%n",
                    r.name(), r.stats().rows(), r.stats().skipped(), records, Files.size(abs), out, wall, r.stats().rows() / Math.max(wall, 1e-9));
            if (r.stats().skipped() > 0) System.out.println("skipped by reason: " + r.stats().skippedByReason());
        } catch (TraceException e) {
            throw new Mesocosm.UserError(e.getMessage());
        } finally {
            Files.deleteIfExists(tmp);
        }
        return 0;
    }
}
