package org.mesocosm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import org.mesocosm.traces.TraceOptions;
import picocli.CommandLine.Option;

/**
 * {@code --lenient}, {@code --machine} and {@code --window}: how every command that reads a trace
 * ({@code trace inspect}, {@code trace convert}, {@code replay}) reads it; {@link TraceArgs} parses
 * the values.
 *
 * <p>What a skipped row or a window means differs a little per command, so {@code --lenient} and
 * {@code --window} carry a description key: a command words them its own way with a {@link Wording}
 * named as its resource bundle ({@code @Command(resourceBundle = ...)}); without one it gets the text here.
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

    /**
     * A command's own text for {@code --lenient} and {@code --window} (null keeps the text above).
     * Subclasses need a public no-argument constructor: {@link java.util.ResourceBundle} makes them.
     */
    abstract static class Wording extends ListResourceBundle {
        private final Object[][] contents;

        Wording(String lenient, String window) {
            List<Object[]> c = new ArrayList<>();
            if (lenient != null) c.add(new Object[] {LENIENT_KEY, lenient});
            if (window != null) c.add(new Object[] {WINDOW_KEY, window});
            contents = c.toArray(Object[][]::new);
        }

        @Override
        protected Object[][] getContents() {
            return contents;
        }
    }

    /** The reader options these flags ask for; a malformed {@code --machine} or {@code --window} is a user error. */
    TraceOptions options() {
        return TraceArgs.machine(TraceArgs.window(TraceOptions.defaults().withLenient(lenient), window), machine);
    }
}
