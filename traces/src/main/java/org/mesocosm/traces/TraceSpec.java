package org.mesocosm.traces;

import java.nio.file.Path;
import org.mesocosm.traces.bin.BinaryFormat;

/** {@code FORMAT:PATH} as given on the command line, e.g. {@code google2011:data/traces/google2011}. */
public record TraceSpec(TraceFormat format, Path path) {

    /**
     * {@code FORMAT:PATH}, or a bare {@code PATH} of a converted trace (recognized by its magic
     * bytes), so {@code replay --trace run.mtrace} works without the {@code bin:} prefix.
     */
    public static TraceSpec parse(String spec) {
        int colon = spec.indexOf(':');
        boolean knownPrefix = colon > 0 && TraceFormat.isName(spec.substring(0, colon));
        if (!knownPrefix && BinaryFormat.isConverted(Path.of(spec))) return new TraceSpec(TraceFormat.MESOCOSM, Path.of(spec));
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("expected FORMAT:PATH (FORMAT one of " + String.join(", ", TraceFormat.names())
                    + "), got '" + spec + "'");
        }
        return new TraceSpec(TraceFormat.byName(spec.substring(0, colon)), Path.of(spec.substring(colon + 1)));
    }

    public TraceReader open(TraceOptions opts) {
        return format.open(path, opts);
    }

    @Override
    public String toString() {
        return format.id() + ":" + path;
    }
}
