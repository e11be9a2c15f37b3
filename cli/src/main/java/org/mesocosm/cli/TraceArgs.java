package org.mesocosm.cli;

import java.nio.file.Files;
import org.mesocosm.runtime.policy.Durations;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.TraceFormat;
import org.mesocosm.traces.TraceOptions;
import org.mesocosm.traces.TraceReader;
import org.mesocosm.traces.TraceSpec;

/** Turns the trace options shared by {@code trace inspect}, {@code trace convert} and {@code replay} into a reader. */
final class TraceArgs {
    private TraceArgs() {}

    /** {@code FORMAT:PATH} (or a bare converted file), checked to exist: a user error otherwise. */
    static TraceSpec spec(String value) {
        TraceSpec s;
        try {
            s = TraceSpec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
        if (!Files.exists(s.path())) throw new Mesocosm.UserError(s.path() + ": no such file or directory");
        return s;
    }

    /**
     * {@code START..END} in trace time (durations: {@code 0..6h}, {@code 2d..3d}); either side may
     * be empty ({@code ..6h}, {@code 1d..}).
     */
    static TraceOptions window(TraceOptions opts, String window) {
        if (window == null) return opts;
        int dots = window.indexOf("..");
        if (dots < 0) throw new Mesocosm.UserError("--window must be START..END (e.g. 0..6h, 1d..2d), got '" + window + "'");
        try {
            String a = window.substring(0, dots).trim();
            String b = window.substring(dots + 2).trim();
            long start = a.isEmpty() ? 0 : Durations.parseMicros(a);
            long end = b.isEmpty() ? Long.MAX_VALUE : Durations.parseMicros(b);
            if (end <= start) throw new Mesocosm.UserError("--window end must be after its start: '" + window + "'");
            return opts.withWindow(start, end);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError("--window: " + e.getMessage());
        }
    }

    /** Opens the trace; a file problem (missing, truncated, unknown layout) becomes a one-line user error. */
    static TraceReader open(TraceSpec spec, TraceOptions opts) {
        try {
            return spec.open(opts);
        } catch (TraceException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
    }

    /**
     * {@code --machine CORES,GIB} (e.g. {@code 32,128}): what 1.0 of normalized CPU and memory
     * means (Google), what 100% of memory means (Alibaba), one processor (SWF). Null keeps the
     * format's default.
     */
    static TraceOptions machine(TraceOptions opts, String machine) {
        if (machine == null) return opts;
        String[] p = machine.split(",");
        try {
            if (p.length != 2) throw new NumberFormatException();
            double cores = Double.parseDouble(p[0].trim()), gib = Double.parseDouble(p[1].trim());
            if (!(cores > 0 && gib > 0 && cores < 1e6 && gib < 1e7)) throw new NumberFormatException();
            return opts.withMachine(new org.mesocosm.runtime.model.Resources(Math.round(cores * 1000), Math.round(gib * 1024), 0, 0));
        } catch (NumberFormatException e) {
            throw new Mesocosm.UserError("--machine must be CORES,GIB with positive numbers (e.g. 32,128), got '" + machine + "'");
        }
    }

    static String formats() {
        return String.join(", ", TraceFormat.names());
    }
}
