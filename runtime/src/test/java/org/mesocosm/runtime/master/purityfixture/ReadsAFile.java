package org.mesocosm.runtime.master.purityfixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Breaks the core rules on purpose (see CorePurityTest): a core class that reads a file. */
public final class ReadsAFile {
    public String read(String name) {
        try {
            return Files.readString(Path.of(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
