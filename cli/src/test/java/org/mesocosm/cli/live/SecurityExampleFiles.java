package org.mesocosm.cli.live;

import java.nio.file.Files;
import java.nio.file.Path;

/** The files of examples/security that the live security tests start from, found from wherever the test runs. */
final class SecurityExampleFiles {
    private SecurityExampleFiles() {}

    /** examples/security/NAME, looked up from the working directory upwards (module or repository root). */
    static Path example(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("examples/security").resolve(name);
            if (Files.exists(f)) return f;
        }
        throw new IllegalStateException("examples/security/" + name + " not found");
    }

    /** The bearer token the examples give {@code principal}. */
    static String token(String principal) throws Exception {
        return Files.readString(example(principal + ".token")).strip();
    }
}
