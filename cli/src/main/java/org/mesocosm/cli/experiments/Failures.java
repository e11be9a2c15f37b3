package org.mesocosm.cli.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reports runs that failed twice: on stderr and in OUT/failures.txt; the command then exits 1. */
final class Failures {
    private Failures() {}

    static int report(Path out, List<? extends ExperimentEngine.Outcome<?, ?>> outcomes, String command) throws IOException {
        List<String> failed = RunProgress.failures(outcomes);
        Path file = out.resolve("failures.txt");
        if (failed.isEmpty()) {
            Files.deleteIfExists(file);
            System.err.println("wrote " + out);
            return 0;
        }
        Files.write(file, failed, StandardCharsets.UTF_8);
        for (String f : failed) System.err.println("mesocosm " + command + ": run failed twice: " + f);
        System.err.println("mesocosm " + command + ": " + failed.size() + " of " + outcomes.size()
                + " runs failed after a retry; results use the rest (see " + file + ")");
        return 1;
    }
}
