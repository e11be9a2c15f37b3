package org.mesocosm.runtime.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes inside a sandbox that belongs to a task's user, as the (root) agent, without ever
 * following a link the task may have put anywhere on the way. Every step is relative to a
 * directory already open ({@code openat}/{@code unlinkat} with {@code O_NOFOLLOW}, through
 * {@link SecureDirectoryStream}), so a task that swaps a directory for a link between two steps
 * only makes the deletion fail: it never redirects it. The sandbox's own entry sits in the agent's
 * {@code sandboxes} directory, which no task can write.
 */
final class SandboxFiles {
    /** Deeper than this, a tree is left in place (and reported): each level holds a file descriptor open. */
    static final int MAX_DEPTH = 128;
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private SandboxFiles() {}

    /**
     * Deletes the file {@code rel} (a relative path of plain segments) inside {@code sandbox}; if
     * any directory on the way is a link or gone, nothing is deleted.
     *
     * @return whether a file was deleted
     */
    static boolean deleteInside(Path sandbox, String rel) throws IOException {
        String[] segs = rel.split("/");
        try (SecureDirectoryStream<Path> root = open(sandbox.getParent())) {
            SecureDirectoryStream<Path> dir = root.newDirectoryStream(sandbox.getFileName(), NOFOLLOW);
            try {
                for (int i = 0; i < segs.length - 1; i++) {
                    SecureDirectoryStream<Path> next = dir.newDirectoryStream(Path.of(segs[i]), NOFOLLOW);
                    dir.close();
                    dir = next;
                }
                dir.deleteFile(Path.of(segs[segs.length - 1])); // unlinkat: a link is removed, not what it points at
                return true;
            } finally {
                dir.close();
            }
        } catch (NoSuchFileException e) {
            return false;
        } catch (FileSystemException e) {
            if (isLinkOrNotADirectory(e)) return false; // a link (ELOOP) or a file where a directory was: not ours to follow
            throw e;
        }
    }

    /** Deletes {@code sandbox} and everything in it, links as links. */
    static void deleteTree(Path sandbox) throws IOException {
        try (SecureDirectoryStream<Path> root = open(sandbox.getParent())) {
            Path name = sandbox.getFileName();
            try (SecureDirectoryStream<Path> box = root.newDirectoryStream(name, NOFOLLOW)) {
                deleteContents(box, 1);
            }
            root.deleteDirectory(name);
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    private static void deleteContents(SecureDirectoryStream<Path> dir, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new IOException("directories nested deeper than " + MAX_DEPTH);
        List<Path> names = new ArrayList<>();
        for (Path p : dir) names.add(p.getFileName());
        for (Path name : names) {
            boolean isDir = dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes().isDirectory();
            if (isDir) {
                try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, NOFOLLOW)) {
                    deleteContents(sub, depth + 1);
                }
                dir.deleteDirectory(name);
            } else {
                dir.deleteFile(name);
            }
        }
    }

    /** A directory the agent controls the whole path of (its work dir and the sandboxes in it). */
    private static SecureDirectoryStream<Path> open(Path dir) throws IOException {
        DirectoryStream<Path> ds = Files.newDirectoryStream(dir);
        if (ds instanceof SecureDirectoryStream<Path> s) return s;
        ds.close();
        throw new IOException("this platform has no race-free directory operations (openat/unlinkat); refusing to delete in " + dir);
    }

    private static boolean isLinkOrNotADirectory(FileSystemException e) {
        String why = String.valueOf(e.getReason());
        return why.contains("symbolic links") || why.contains("Not a directory");
    }
}
