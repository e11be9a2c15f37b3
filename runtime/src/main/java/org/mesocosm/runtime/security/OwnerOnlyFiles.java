package org.mesocosm.runtime.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files only their owner may read or write (keys, the secret store, secrets handed to a task):
 * owner-only from their creation, never chmod-ed afterwards, so there is no moment at which
 * another user could open them.
 */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {}

    /**
     * Creates a new file with the content; {@code CREATE_NEW} refuses an existing file and a link
     * planted in its place ({@link java.nio.file.FileAlreadyExistsException}).
     */
    public static void create(Path file, byte[] content, boolean sync) throws IOException {
        try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) ch.write(b);
            if (sync) ch.force(true);
        }
    }

    /** Replaces a file as a whole: a new file beside it, synced, then renamed over it, so readers see the old or the new. */
    public static void replace(Path file, byte[] content) throws IOException {
        // a name of its own per write: two threads replacing the same file (a task's start and its exit) must not
        // delete or move each other's half-written copy
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "-" + WRITES.incrementAndGet() + ".tmp");
        try {
            create(tmp, content, true);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static final AtomicLong WRITES = new AtomicLong();
}
