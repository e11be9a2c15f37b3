package org.mesocosm.runtime.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exit status a task's wrapper shell leaves in its sandbox ({@code exit_code}), read by an
 * agent that restarted and adopted the task. It is written by the task's user, so it is the task's
 * word only about its own exit status: read as a small regular file, never through a link.
 */
final class ExitFile {
    static final String NAME = "exit_code";

    private ExitFile() {}

    /** The exit status the wrapper left, or -1 if it left none (the process was killed by a signal) or left something else. */
    static int read(Path sandbox) {
        Path f = sandbox.resolve(NAME);
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) return -1; // not a link, a FIFO or a device
        try (InputStream in = Channels.newInputStream(Files.newByteChannel(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            return Integer.parseInt(new String(in.readNBytes(16), StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
