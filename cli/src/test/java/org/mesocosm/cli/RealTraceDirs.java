package org.mesocosm.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real trace excerpts at {@code ../shared/traces/real/} beside the repository, found by walking up from the working directory. */
final class RealTraceDirs {
    private RealTraceDirs() {}

    static Path of(String format) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("traces").resolve("real");
            if (Files.isDirectory(p)) return p.resolve(format);
        }
        throw new IllegalStateException("shared/traces/real not found beside any parent of " + dir
                + ": clone the repository with shared/ beside it (../shared/traces/real from the repo root)");
    }
}
