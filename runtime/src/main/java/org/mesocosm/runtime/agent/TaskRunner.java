package org.mesocosm.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One task's OS process. The command runs under {@code sh -c} in its own sandbox directory, with
 * stdout and stderr going to files there, and (where {@code setsid} exists) in a session and
 * process group of its own, so that a kill reaches everything the task started: SIGTERM to the
 * group, SIGKILL to whatever is left after a grace period.
 */
final class TaskRunner {
    /** Milli-GPU per device the task asked for (spec gpu_milli); also what the process is told. */
    static final String GPU_MILLI_ENV = "MESOCOSM_GPU_MILLI";
    /** Launch field the agent adds: the device indices it chose, comma-separated. */
    static final String GPU_DEVICES_FIELD = "gpu_devices";

    /** How a task's process ended. {@code killed}: the master asked for it. */
    record Outcome(String taskId, int exitCode, boolean killed) {}

    private static final boolean SETSID = Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"));
    /** Runs the task's command and leaves its exit status in the sandbox, for an agent that restarts and adopts the task. */
    private static final String WRAPPER = "sh -c \"$0\"; code=$?; echo $code > " + ExitFile.NAME + "; exit $code";
    static final String TASK_FILE = "task.json";

    final String taskId;
    final Path sandbox;
    private final ProcessHandle process;
    /** Null for a task adopted from a previous life of the agent: not our child, so its status comes from the exit file. */
    private final Process child;
    private volatile boolean killRequested;

    private TaskRunner(String taskId, Path sandbox, ProcessHandle process, Process child) {
        this.taskId = taskId;
        this.sandbox = sandbox;
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
        Path sandbox = sandbox(s.workDir(), taskId);
        String command = launch.path("command").asText();
        List<String> argv = new java.util.ArrayList<>();
        if (SETSID) argv.add("setsid");
        argv.addAll(TaskUser.prefix(launch.path("user").asText(null), sandbox));
        argv.addAll(List.of("sh", "-c", WRAPPER, command));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(sandbox.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(sandbox.resolve("stdout").toFile())
                .redirectError(sandbox.resolve("stderr").toFile());
        Map<String, String> env = pb.environment();
        copy(launch.path("env"), env);
        SecretDelivery.deliver(launch.path("secrets"), sandbox, env);
        env.put("MESOCOSM_TASK_ID", taskId);
        env.put("MESOCOSM_JOB_ID", launch.path("job_id").asText());
        env.put("MESOCOSM_INSTANCE", launch.path("instance").asText());
        env.put("MESOCOSM_AGENT_ID", s.id());
        env.put("MESOCOSM_SANDBOX", sandbox.toString());
        if (launch.has(GPU_DEVICES_FIELD)) { // the agent chose the devices (LiveAgent.gpusFor)
            env.put("CUDA_VISIBLE_DEVICES", launch.path(GPU_DEVICES_FIELD).asText());
            env.put(GPU_MILLI_ENV, launch.path("gpu_milli").asText());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            SecretDelivery.removeFiles(sandbox);
            throw e;
        }
        TaskRunner r = new TaskRunner(taskId, sandbox, p.toHandle(), p);
        ExitFile.writeTask(sandbox.resolve(TASK_FILE), taskId, p.toHandle());
        onStart.accept(r);
        r.watch(onExit);
        return r;
    }

    /**
     * Tasks a previous life of this agent started that are still running: the sandboxes under
     * {@code workDir} whose recorded process is alive (same pid and start time).
     */
    static List<TaskRunner> adopt(Path workDir, Consumer<Outcome> onExit) throws IOException {
        List<TaskRunner> out = new java.util.ArrayList<>();
        Path root = workDir.resolve("sandboxes");
        if (!Files.isDirectory(root)) return out;
        try (var dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                ExitFile.Recorded rec = ExitFile.readTask(dir.resolve(TASK_FILE));
                if (rec == null) continue;
                ProcessHandle h = ProcessHandle.of(rec.pid()).orElse(null);
                if (h == null || !h.isAlive() || h.info().startInstant().map(i -> i.toEpochMilli() != rec.startMillis()).orElse(true)) continue;
                TaskRunner r = new TaskRunner(rec.taskId(), dir, h, null);
                r.watch(onExit);
                out.add(r);
            }
        }
        return out;
    }

    private void watch(Consumer<Outcome> onExit) {
        // a child's exit status is known once Process.onExit completes; ProcessHandle.onExit may complete before that
        // secret files go once the task has ended, before its end is reported
        if (child != null) {
            child.onExit().thenRun(() -> {
                SecretDelivery.removeFiles(sandbox);
                onExit.accept(new Outcome(taskId, child.exitValue(), killRequested));
            });
        } else {
            process.onExit().thenRun(() -> {
                SecretDelivery.removeFiles(sandbox);
                onExit.accept(new Outcome(taskId, ExitFile.read(sandbox), killRequested));
            });
        }
    }

    /** A fresh directory for the task: its id, or the id with a suffix if a previous life of the agent used that name. */
    private static Path sandbox(Path workDir, String taskId) throws IOException {
        Path root = workDir.resolve("sandboxes");
        Files.createDirectories(root);
        String safe = taskId.replaceAll("[^A-Za-z0-9_.@-]", "_");
        Path p = root.resolve(safe);
        for (int n = 2; Files.exists(p); n++) p = root.resolve(safe + "~" + n);
        return Files.createDirectory(p);
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
        if (!SETSID) {
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
        if (!SETSID) return;
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
