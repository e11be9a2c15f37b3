package org.mesocosm.runtime.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a task as the OS user its job names (the master has checked that the submitter may). An
 * agent running as that user runs the task as it is; an agent running as root switches to the
 * user with {@code setpriv} and hands the user the sandbox; any other agent cannot, and the task
 * fails with a message saying so rather than running as the wrong user.
 *
 * <p>The switch is made with a clean environment ({@code --reset-env}, and only {@code PATH} given
 * to the helpers): no variable of the job ever reaches a program running as root, where
 * {@code LD_PRELOAD} and its kind would run the submitter's code with root's rights. The job's
 * variables are applied by the task's own shell, after the switch (see {@link TaskRunner}).
 */
final class TaskUser {
    static final String SELF = System.getProperty("user.name");
    /** The environment of every program the agent runs as root on a task's behalf. */
    static final Map<String, String> HELPER_ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");
    /** Prints each argument that names a file the shell's user cannot read. */
    private static final String CHECK_READABLE = "for f do [ -r \"$f\" ] || printf '%s\\n' \"$f\"; done";

    /** A user other than the agent's own, to switch to: its name, its file owner identity and its primary group id. */
    record Target(String name, UserPrincipal owner, String gid, Path setpriv) {
        /** The words that run the rest of a command line as this user, with the environment reset. */
        List<String> prefix() {
            return List.of(setpriv.toString(), "--reuid=" + name, "--regid=" + gid, "--init-groups", "--reset-env", "--");
        }
    }

    private TaskUser() {}

    /** Whom to switch to for a task of {@code user}; null: no switch (no user given, or the agent's own). */
    static Target resolve(String user) throws IOException {
        if (user == null || user.isEmpty() || user.equals(SELF)) return null;
        if (!SELF.equals("root")) {
            throw new IOException("this agent runs as '" + SELF + "' and cannot run tasks as '" + user + "' (only an agent running as root switches users)");
        }
        if (!NAME.matcher(user).matches()) throw new IOException("'" + user + "' is not a user name");
        UserPrincipal who;
        try {
            who = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("there is no OS user '" + user + "' on this agent");
        }
        Path setpriv = SETPRIV.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IOException("cannot run tasks as '" + user + "': setpriv (util-linux) not found on this agent"));
        List<String> gid = run(List.of("id", "-g", user), null, 10);
        if (gid.size() != 1 || !gid.get(0).matches("[0-9]+")) throw new IOException("cannot find the group of OS user '" + user + "'");
        return new Target(user, who, gid.get(0), setpriv);
    }

    /**
     * Gives the sandbox and everything in it to the task's user, links left as they are (lchown).
     * Called while the sandbox is still the agent's own (0700), so nothing in it can have moved.
     */
    static void handOver(Path sandbox, Target t) throws IOException {
        Files.walkFileTree(sandbox, new SimpleFileVisitor<>() { // does not follow links
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                chown(f, t);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                chown(d, t);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void chown(Path p, Target t) throws IOException {
        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(t.owner());
    }

    /**
     * The files among {@code files} (relative to the sandbox) that the task's user cannot read,
     * asked of the kernel as that user (permissions, ACLs and security modules all count).
     */
    static List<String> unreadable(Target t, Path sandbox, List<String> files) throws IOException {
        if (files.isEmpty()) return List.of();
        List<String> argv = new ArrayList<>();
        if (t != null) argv.addAll(t.prefix());
        argv.addAll(List.of("/bin/sh", "-c", CHECK_READABLE, "sh"));
        argv.addAll(files);
        return run(argv, sandbox, 10);
    }

    /** Runs a helper with the clean environment; its output lines. */
    private static List<String> run(List<String> argv, Path dir, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(HELPER_ENV);
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(argv.get(0) + " did not answer within " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) throw new IOException(argv.get(0) + " failed (status " + p.exitValue() + "): " + out.strip());
            return out.lines().filter(l -> !l.isEmpty()).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + argv.get(0));
        }
    }
}
