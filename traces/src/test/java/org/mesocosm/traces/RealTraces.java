package org.mesocosm.traces;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real trace excerpts beside the repository ({@code ../shared/traces/real/} from the repo
 * root): found by walking up from the working directory, so tests run from any module.
 */
public final class RealTraces {
    private RealTraces() {}

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("traces").resolve("real");
            if (Files.isDirectory(p)) return p;
        }
        throw new IllegalStateException("shared/traces/real not found beside any parent of " + dir
                + ": clone the repository with shared/ beside it (../shared/traces/real from the repo root)");
    }

    public static Path of(String format) {
        Path p = root().resolve(format);
        if (!Files.exists(p)) throw new IllegalStateException(p + " is missing");
        return p;
    }
}
