package org.mesocosm.traces;

import java.nio.file.Path;

/** {@code FORMAT:PATH} as given on the command line, e.g. {@code google2011:../shared/traces/real/google2011}. */
public record TraceSpec(TraceFormat format, Path path) {

    public static TraceSpec parse(String spec) {
        int colon = spec.indexOf(':');
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
