package org.mesocosm.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Names of the files in a run directory (DESIGN.md §7) and checks that they are there. */
final class RunFiles {
    static final String SUMMARY = "summary.json";
    static final String TIMELINE = "timeline.csv";
    static final String TASKS = "tasks.csv";
    static final String REPORT = "report.html";

    private RunFiles() {
    }

    static void requireDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "run directory does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (expected a run directory)");
        }
    }

    static void requireFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "required run file " + file.getFileName() + " is missing");
        }
        if (!Files.isRegularFile(file)) {
            throw new RunFileException(file, 0, null, "is not a regular file");
        }
    }
}
