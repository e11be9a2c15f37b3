package org.mesocosm.traces;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real trace excerpts shipped in the repository ({@code data/traces/} at the repo root):
 * found by walking up from the working directory, so tests run from any module.
 */
public final class RealTraces {
    private RealTraces() {}

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path p = d.resolve("data").resolve("traces");
            if (Files.isRegularFile(p.resolve("README.md"))) return p;
        }
        throw new IllegalStateException("data/traces not found in any parent of " + dir
                + ": run the tests from inside the repository");
    }

    public static Path of(String format) {
        Path p = root().resolve(format);
        if (!Files.exists(p)) throw new IllegalStateException(p + " is missing");
        return p;
    }
}
