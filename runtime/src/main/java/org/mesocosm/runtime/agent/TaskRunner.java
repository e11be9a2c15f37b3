package org.mesocosm.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One task's OS process. The command runs under {@code sh -c} in its own sandbox directory, with
 * stdout and stderr going to files there, and (where {@code setsid} exists) in a session and
 * process group of its own, so that a kill reaches everything the task started: SIGTERM to the
 * group, SIGKILL to whatever is left after a grace period.
 *
 * <p>Order of a start, for a root agent running the task as another user: the sandbox is made
 * 0700 and the agent's own; the secret files are written into it; the process starts (the user
 * switch, then a wrapper shell that waits for its environment on stdin); only then is the sandbox
 * handed to the task's user, and once the user is known to be able to read its secret files the
 * environment is written to the wrapper, which applies it and runs the command. So root never
 * works in a directory a task can write, and the job's variables exist only in the user's process.
 */
final class TaskRunner {
    /** Milli-GPU per device the task takes (launch field gpu_milli); what the process is told. */
    static final String GPU_MILLI_ENV = "MESOCOSM_GPU_MILLI";
    /** Launch field: the device indices the master chose, comma-separated. */
    static final String GPU_DEVICES_FIELD = "gpu_devices";

    /** How a task's process ended. {@code killed}: the master asked for it. */
    record Outcome(String taskId, int exitCode, boolean killed) {}

    private static final Path SETSID = Files.isExecutable(Path.of("/usr/bin/setsid")) ? Path.of("/usr/bin/setsid")
            : Files.isExecutable(Path.of("/bin/setsid")) ? Path.of("/bin/setsid") : null;
    /**
     * Run as the task's user: reads the environment the agent writes on stdin (shell assignments
     * ending in a completion mark; an agent that gave up sends no mark and nothing runs), then runs
     * the command with stdin from /dev/null and leaves its exit status in the sandbox, for an agent
     * that restarts and adopts the task.
     */
    private static final String WRAPPER = "eval \"$(cat)\" || exit 125; [ \"$mesocosm_env\" = complete ] || exit 125; unset mesocosm_env;"
            + " exec </dev/null; /bin/sh -c \"$0\"; code=$?; echo $code > " + ExitFile.NAME + "; exit $code";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    final String taskId;
    final Path sandbox;
    private final ProcessHandle process;
    /** Null for a task adopted from a previous life of the agent: not our child, so its status comes from the exit file. */
    private final Process child;
    private final Path workDir;
    private volatile TaskRecord record;
    private volatile boolean killRequested;

    private TaskRunner(TaskRecord record, Path workDir, ProcessHandle process, Process child) {
        this.taskId = record.taskId();
        this.sandbox = record.sandbox(workDir);
        this.record = record;
        this.workDir = workDir;
        this.process = process;
        this.child = child;
    }

    /**
     * Starts the task of a launch command. {@code onStart} is called once the process runs and
     * before {@code onExit} can be (a task as short as {@code true} may end at once, and its
     * RUNNING must still be reported first); {@code onExit} once, when it ends.
     */
    static TaskRunner start(JsonNode launch, AgentSettings s, Consumer<TaskRunner> onStart, Consumer<Outcome> onExit) throws IOException {
        String taskId = launch.path("task_id").asText();
        TaskUser.Target user = TaskUser.resolve(launch.path("user").asText(null));
        List<String> secretFiles = SecretDelivery.files(launch.path("secrets"));
        Path sandbox = sandbox(s.workDir(), taskId);
        TaskRecord record = TaskRecord.planned(taskId, sandbox, secretFiles).save(s.workDir()); // recorded before they exist
        byte[] script;
        try {
            Map<String, String> env = new LinkedHashMap<>();
            copy(launch.path("env"), env);
            SecretDelivery.deliver(launch.path("secrets"), sandbox, env);
            env.put("MESOCOSM_TASK_ID", taskId);
            env.put("MESOCOSM_JOB_ID", launch.path("job_id").asText());
            env.put("MESOCOSM_INSTANCE", launch.path("instance").asText());
            env.put("MESOCOSM_AGENT_ID", s.id());
            env.put("MESOCOSM_SANDBOX", sandbox.toString());
            if (launch.has(GPU_DEVICES_FIELD)) { // the master chose the devices; LiveAgent.gpusFor booked them
                env.put("CUDA_VISIBLE_DEVICES", launch.path(GPU_DEVICES_FIELD).asText());
                env.put(GPU_MILLI_ENV, launch.path("gpu_milli").asText());
            }
            script = TaskScript.assignments(env);
        } catch (IOException | RuntimeException e) {
            notStarted(record, s.workDir());
            throw e;
        }

        List<String> argv = new ArrayList<>();
        if (SETSID != null) argv.add(SETSID.toString());
        if (user != null) argv.addAll(user.prefix());
        argv.addAll(List.of("/bin/sh", "-c", WRAPPER, launch.path("command").asText()));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(sandbox.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(sandbox.resolve("stdout").toFile())
                .redirectError(sandbox.resolve("stderr").toFile());
        if (user != null) { // the helpers run as root: they get nothing of the agent's or the job's environment
            pb.environment().clear();
            pb.environment().putAll(TaskUser.HELPER_ENV);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            notStarted(record, s.workDir());
            throw e;
        }
        TaskRunner r = new TaskRunner(record, s.workDir(), p.toHandle(), p);
        try {
            r.record = record.started(p.toHandle()).save(s.workDir());
            if (user != null) TaskUser.handOver(sandbox, user);
            List<String> unreadable = TaskUser.unreadable(user, sandbox, secretFiles);
            if (!unreadable.isEmpty()) {
                throw new IOException("user '" + (user == null ? TaskUser.SELF : user.name()) + "' cannot read its secret file(s) "
                        + String.join(", ", unreadable) + " in the sandbox; the task was not started");
            }
        } catch (IOException | RuntimeException e) {
            r.abort();
            throw e;
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(script);
        } catch (IOException e) {
            // the wrapper is gone already (its helper failed): its exit, with the reason in stderr, is reported as the task's
        }
        onStart.accept(r);
        r.watch(onExit);
        return r;
    }

    /** A task that failed before its process started: its secret files go, and its sandbox is kept only for the retention time. */
    private static void notStarted(TaskRecord record, Path workDir) {
        SecretDelivery.removeFiles(record.sandbox(workDir), record.secretFiles());
        try {
            record.ended(System.currentTimeMillis()).save(workDir);
        } catch (IOException e) {
            System.err.println("mesocosm agent: could not update the record of task " + record.taskId() + ": " + e.getMessage());
        }
    }

    /** Kills a process whose command was never given its environment, and removes what was delivered for it. */
    private void abort() {
        signal("KILL");
        child.destroyForcibly();
        try {
            child.getOutputStream().close(); // the wrapper's cat sees the end of its input, without the completion mark
            child.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SecretDelivery.removeFiles(sandbox, record.secretFiles());
        saveQuietly(record.ended(System.currentTimeMillis()));
    }

    /**
     * Tasks a previous life of this agent started that are still running: those its own records
     * name whose process is alive (same pid and start time). Tasks that ended while no agent
     * watched have their secret files removed and are marked ended, for the sandbox cleanup.
     */
    static List<TaskRunner> adopt(Path workDir, Consumer<Outcome> onExit) throws IOException {
        List<TaskRunner> out = new ArrayList<>();
        for (TaskRecord rec : TaskRecord.all(workDir, System.err)) {
            if (rec.hasEnded() || rec.pid() < 0) continue;
            ProcessHandle h = ProcessHandle.of(rec.pid()).orElse(null);
            if (h == null || !h.isAlive() || h.info().startInstant().map(i -> i.toEpochMilli() != rec.startMillis()).orElse(true)) {
                SecretDelivery.removeFiles(rec.sandbox(workDir), rec.secretFiles());
                rec.ended(System.currentTimeMillis()).save(workDir);
                continue;
            }
            TaskRunner r = new TaskRunner(rec, workDir, h, null);
            r.watch(onExit);
            out.add(r);
        }
        return out;
    }

    private void watch(Consumer<Outcome> onExit) {
        // a child's exit status is known once Process.onExit completes; ProcessHandle.onExit may complete before that
        // secret files go once the task has ended, before its end is reported
        if (child != null) {
            child.onExit().thenRun(() -> {
                ended();
                onExit.accept(new Outcome(taskId, child.exitValue(), killRequested));
            });
        } else {
            process.onExit().thenRun(() -> {
                int code = ExitFile.read(sandbox);
                ended();
                onExit.accept(new Outcome(taskId, code, killRequested));
            });
        }
    }

    private void ended() {
        SecretDelivery.removeFiles(sandbox, record.secretFiles());
        saveQuietly(record.ended(System.currentTimeMillis()));
    }

    private synchronized void saveQuietly(TaskRecord r) { // the start and the exit may save at once: the later state wins
        try {
            record = r.save(workDir);
        } catch (IOException e) {
            System.err.println("mesocosm agent: could not update the record of task " + taskId + ": " + e.getMessage());
        }
    }

    /**
     * A fresh directory for the task, 0700 and the agent's own: its id, or the id with a suffix if
     * a previous life of the agent used that name. The {@code sandboxes} directory lets other users
     * through to their own sandbox but not list it.
     */
    private static Path sandbox(Path workDir, String taskId) throws IOException {
        Path root = workDir.resolve("sandboxes");
        if (!Files.isDirectory(root)) Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
        String safe = taskId.replaceAll("[^A-Za-z0-9_.@:-]", "_"); // ":" parts a job key's role from its id (role:id)
        Path p = root.resolve(safe);
        for (int n = 2; Files.exists(p, LinkOption.NOFOLLOW_LINKS); n++) p = root.resolve(safe + "~" + n);
        return Files.createDirectory(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }

    private static void copy(JsonNode vars, Map<String, String> env) {
        for (Iterator<Map.Entry<String, JsonNode>> it = vars.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            env.put(e.getKey(), e.getValue().asText());
        }
    }

    long pid() { return process.pid(); }

    boolean adopted() { return child == null; }

    boolean isAlive() { return process.isAlive(); }

    /** SIGTERM to the task's process group now, SIGKILL to the group and every descendant seen after {@code graceMillis}. */
    void kill(long graceMillis, ScheduledExecutorService timer) {
        killRequested = true;
        List<ProcessHandle> seen = process.descendants().collect(Collectors.toList());
        signal("TERM");
        if (SETSID == null) {
            seen.forEach(ProcessHandle::destroy);
            process.destroy();
        }
        if (!process.isAlive()) return;
        timer.schedule(() -> {
            List<ProcessHandle> later = process.descendants().collect(Collectors.toList());
            signal("KILL");
            seen.forEach(ProcessHandle::destroyForcibly);
            later.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, graceMillis, TimeUnit.MILLISECONDS);
    }

    private void signal(String sig) {
        if (SETSID == null) return;
        try {
            // the shell's kill builtin can signal a process group (Java can only signal one process); dash takes no "--"
            new ProcessBuilder("sh", "-c", "kill -" + sig + " -" + process.pid() + " 2>/dev/null; true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
