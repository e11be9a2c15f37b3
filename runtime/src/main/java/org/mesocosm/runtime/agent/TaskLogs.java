package org.mesocosm.runtime.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads a slice of one task's {@code stdout} or {@code stderr} for {@code mesocosm logs}. The agent
 * (often root) reads inside a sandbox that belongs to the task's user, so nothing in the request
 * names a path: the task id is looked up in the agent's own task records ({@link TaskRecord}, in a
 * directory no task can write), the file name is one of two constants, and the file is opened
 * relative to the already open sandbox directory with {@code O_NOFOLLOW} at every step. A task
 * that replaces its stdout by a link to {@code /etc/shadow} gets an error, not the file.
 */
final class TaskLogs {
    /** Most bytes one request returns: a base64 answer of this size stays under the master's 1 MiB body limit. */
    static final int MAX_LIMIT = 512 * 1024;
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private TaskLogs() {}

    /** What was read: {@code data} from {@code offset}; {@code size} is the file's length when read. */
    record Slice(long offset, byte[] data, long size) {}

    /** A request that can not be served, with a message for the user. */
    static final class Refused extends Exception {
        /** The sandbox or file was a link or not a plain file: an attack, not a missing file. */
        final boolean unsafe;

        Refused(String message) {
            this(message, false);
        }

        Refused(String message, boolean unsafe) {
            super(message);
            this.unsafe = unsafe;
        }
    }

    /**
     * @param stream "stdout" or "stderr"; anything else is refused
     * @param limit at most this many bytes (capped at {@link #MAX_LIMIT})
     */
    static Slice read(Path workDir, String taskId, String stream, long offset, int limit, PrintStream log) throws Refused {
        if (!stream.equals("stdout") && !stream.equals("stderr")) throw new Refused("stream: stdout or stderr, not '" + stream + "'");
        if (offset < 0 || limit < 0) throw new Refused("offset and limit must not be negative");
        TaskRecord record;
        try {
            record = TaskRecord.all(workDir, log).stream().filter(r -> r.taskId().equals(taskId)).reduce((a, b) -> b).orElse(null);
        } catch (IOException e) {
            throw new Refused("cannot read the agent's task records: " + e.getMessage());
        }
        if (record == null) throw new Refused("this agent has no sandbox for task '" + taskId + "' (never ran here, or cleaned up)");
        Path sandbox = record.sandbox(workDir);
        try (SecureDirectoryStream<Path> root = open(sandbox.getParent());
             SecureDirectoryStream<Path> box = root.newDirectoryStream(sandbox.getFileName(), NOFOLLOW)) {
            Path name = Path.of(stream);
            BasicFileAttributes a = box.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
            if (!a.isRegularFile()) throw new Refused(stream + " of task '" + taskId + "' is not a regular file (a link?): not read", true);
            try (SeekableByteChannel ch = box.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                long size = ch.size();
                if (offset >= size) return new Slice(offset, new byte[0], size);
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Math.min(limit, MAX_LIMIT), size - offset));
                ch.position(offset);
                while (buf.hasRemaining() && ch.read(buf) > 0) { }
                return new Slice(offset, Arrays.copyOf(buf.array(), buf.position()), size);
            }
        } catch (NoSuchFileException e) {
            throw new Refused("task '" + taskId + "' has no " + stream + " on this agent (sandbox cleaned up?)");
        } catch (FileSystemException e) {
            // ELOOP: the sandbox or the file was swapped for a link; ENOTDIR: a file where the sandbox was
            throw new Refused(stream + " of task '" + taskId + "' can not be read safely: " + e.getReason(), true);
        } catch (IOException e) {
            throw new Refused("reading " + stream + " of task '" + taskId + "' failed: " + e.getMessage());
        }
    }

    private static SecureDirectoryStream<Path> open(Path dir) throws IOException {
        DirectoryStream<Path> ds = Files.newDirectoryStream(dir);
        if (ds instanceof SecureDirectoryStream<Path> s) return s;
        ds.close();
        throw new IOException("this platform can not open files relative to a directory (no SecureDirectoryStream)");
    }
}
