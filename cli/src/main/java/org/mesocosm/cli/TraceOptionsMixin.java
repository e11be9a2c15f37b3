package org.mesocosm.cli;

import org.mesocosm.traces.TraceOptions;
import picocli.CommandLine.Option;

/**
 * {@code --lenient}, {@code --machine} and {@code --window}: how every command that reads a trace
 * ({@code trace inspect}, {@code trace convert}, {@code replay}) reads it; {@link TraceArgs} parses
 * the values.
 *
 * <p>What a skipped row or a window means differs a little per command, so {@code --lenient} and
 * {@code --window} carry a description key: a command words them its own way with an
 * {@link OptionWording}; without one it gets the text here.
 */
final class TraceOptionsMixin {
    static final String LENIENT_KEY = "trace.lenient";
    static final String WINDOW_KEY = "trace.window";

    @Option(names = "--lenient", descriptionKey = LENIENT_KEY,
            description = "Skip malformed rows (counted per reason) instead of stopping at the first.")
    boolean lenient;

    // '%%': picocli runs descriptions through String.format
    @Option(names = "--machine", paramLabel = "CORES,GIB",
            description = "Declared machine size: what 1.0 normalized CPU/memory means (Google), 100%% memory (Alibaba), one processor (SWF).")
    String machine;

    @Option(names = "--window", descriptionKey = WINDOW_KEY, paramLabel = "START..END",
            description = "Only this part of the trace, e.g. 0..6h.")
    String window;

    /** The reader options these flags ask for; a malformed {@code --machine} or {@code --window} is a user error. */
    TraceOptions options() {
        return TraceArgs.machine(TraceArgs.window(TraceOptions.defaults().withLenient(lenient), window), machine);
    }
}
