package org.mesocosm.runtime.agent;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;

/**
 * Runs a task as the OS user its job names (the master has checked that the submitter may). An
 * agent running as that user runs the task as it is; an agent running as root switches to the
 * user with {@code runuser} and hands the user the sandbox; any other agent cannot, and the task
 * fails with a message saying so rather than running as the wrong user.
 */
final class TaskUser {
    static final String SELF = System.getProperty("user.name");
    private static final Path RUNUSER = Path.of("/usr/sbin/runuser");
    private static final Path RUNUSER_ALT = Path.of("/sbin/runuser");

    private TaskUser() {}

    /** The words to put before the task's command line; prepares the sandbox. */
    static List<String> prefix(String user, Path sandbox) throws IOException {
        if (user == null || user.isEmpty() || user.equals(SELF)) return List.of();
        if (!SELF.equals("root")) {
            throw new IOException("this agent runs as '" + SELF + "' and cannot run tasks as '" + user + "' (only an agent running as root switches users)");
        }
        UserPrincipal who;
        try {
            who = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("there is no OS user '" + user + "' on this agent");
        }
        Path runuser = Files.isExecutable(RUNUSER) ? RUNUSER : RUNUSER_ALT;
        if (!Files.isExecutable(runuser)) throw new IOException("cannot run tasks as '" + user + "': runuser not found on this agent");
        Files.setOwner(sandbox, who);
        return List.of(runuser.toString(), "-u", user, "--");
    }
}
