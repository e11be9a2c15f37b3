package org.mesocosm.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real trace excerpts at {@code data/traces/} in the repository, found by walking up from the working directory. */
final class RealTraceDirs {
    private RealTraceDirs() {}

    static Path of(String format) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path p = d.resolve("data").resolve("traces");
            if (Files.isRegularFile(p.resolve("README.md"))) return p.resolve(format);
        }
        throw new IllegalStateException("data/traces not found in any parent of " + dir
                + ": run the tests from inside the repository");
    }
}
