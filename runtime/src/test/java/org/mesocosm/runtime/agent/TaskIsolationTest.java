package org.mesocosm.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.model.Resources;

/**
 * The attacks of issue 18 on an agent running as root, carried out with real processes: a task
 * that may run only as {@code nobody} must not run anything as root (findings 1 and 2), must be
 * able to read its own secret files (8), and gets a sandbox no other user can enter (9).
 * Runs only where the tests run as root and a user {@code nobody} exists.
 */
@EnabledIf("rootWithNobody")
@Timeout(60)
class TaskIsolationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String NOBODY = "nobody";

    @TempDir
    Path tmp;
    Path work;

    static boolean rootWithNobody() {
        return TaskUser.SELF.equals("root") && isUser(NOBODY);
    }

    static boolean isUser(String name) {
        try {
            return new ProcessBuilder("id", "-u", name).redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @BeforeEach
    void dirs() throws Exception {
        // the JUnit temp dir is 0700; nobody must be able to pass through it to a directory of its own
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        work = Files.createDirectories(tmp.resolve("work"));
    }

    static AgentSettings settings(Path work) {
        return new AgentSettings(URI.create("http://127.0.0.1:1"), "a1", new Resources(1000, 64, 0, 0), Map.of(), work, 1000);
    }

    static ObjectNode launch(String taskId, String user, String command) {
        ObjectNode l = JSON.createObjectNode().put("type", "launch").put("task_id", taskId).put("job_id", taskId.split("\\.")[0])
                .put("instance", 0).put("command", command);
        if (user != null) l.put("user", user);
        l.putObject("env");
        l.putArray("secrets");
        return l;
    }

    static void fileSecret(ObjectNode launch, String name, String file, String value) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) launch.get("secrets")).addObject().put("name", name).put("file", file)
                .put("value_b64", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Runs a launch command to its end; the runner started, and how it ended. */
    record Run(TaskRunner runner, TaskRunner.Outcome outcome) {}

    static Run run(ObjectNode launch, Path work) throws Exception {
        CompletableFuture<TaskRunner.Outcome> end = new CompletableFuture<>();
        TaskRunner r = TaskRunner.start(launch, settings(work), x -> { }, end::complete);
        return new Run(r, end.get(30, TimeUnit.SECONDS));
    }

    static int uid(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Finding 1: the job's environment reached the privileged helpers ({@code setsid}, the user
     * switch) that run as root. {@code LD_DEBUG_OUTPUT} makes the dynamic loader of every process
     * that gets it write a file, owned by whoever that process runs as: only processes of
     * {@code nobody} may write one. (The same path carries {@code LD_PRELOAD}, which ran the
     * submitter's library as root; the master refuses such names in specs, but the agent must not
     * depend on that.)
     */
    @Test
    void theJobsEnvironmentReachesOnlyTheTasksOwnProcesses() throws Exception {
        Path ld = Files.createDirectories(tmp.resolve("ld"));
        Files.setPosixFilePermissions(ld, PosixFilePermissions.fromString("rwxrwxrwx"));
        ObjectNode l = launch("env.t.0", NOBODY, "echo \"$GREETING\" > greeting.txt; id -un > who.txt; ls > /dev/null");
        ((ObjectNode) l.get("env")).put("GREETING", "hello 'quoted' \"world\" $HOME").put("LD_DEBUG", "libs")
                .put("LD_DEBUG_OUTPUT", ld.resolve("ld").toString());
        Run run = run(l, work);
        assertEquals(0, run.outcome().exitCode(), "the task ran");
        assertEquals("hello 'quoted' \"world\" $HOME", Files.readString(run.runner().sandbox.resolve("greeting.txt")).trim(),
                "the task sees the job's variable, value as given");
        assertEquals(NOBODY, Files.readString(run.runner().sandbox.resolve("who.txt")).trim());
        List<String> written = new ArrayList<>();
        try (var files = Files.list(ld)) {
            for (Path f : files.sorted().toList()) written.add(f.getFileName() + " uid " + uid(f));
        }
        assertFalse(written.isEmpty(), "the task's own processes got the job's environment");
        assertTrue(written.stream().noneMatch(w -> w.endsWith(" uid 0")), "a process running as root got the job's environment: " + written);
    }

    /**
     * Finding 2: the root agent deleted the paths a task listed in the sandbox's {@code .secret-files},
     * following links; and it must not follow a link the task put in place of a secret's directory.
     */
    @Test
    void aTaskCannotMakeTheAgentDeleteAFileOutsideItsSandbox() throws Exception {
        Path victims = Files.createDirectories(tmp.resolve("victims"));
        Path listed = Files.writeString(victims.resolve("listed"), "root's file");
        Path sameName = Files.writeString(victims.resolve("key.pem"), "root's key");
        // each step on its own: where the agent leaves the secret directory root's, the task cannot replace it
        ObjectNode l = launch("del.t.0", NOBODY, "rm -rf secrets; ln -s " + victims + " secrets;"
                + " ln -s " + victims + " v; rm -f .secret-files; printf 'secrets/key.pem\\nv/listed\\n' > .secret-files");
        fileSecret(l, "k", "secrets/key.pem", "the task's key");
        run(l, work);
        assertTrue(Files.exists(listed), "a path the task listed was deleted by the agent");
        assertTrue(Files.exists(sameName), "the agent followed a link the task put in place of its secret directory");
    }

    /** Finding 8: the secret file was root's, 0600, in a root 0700 directory: unreadable by the task it was for. */
    @Test
    void aTaskAsNobodyReadsItsSecretFile() throws Exception {
        ObjectNode l = launch("sec.t.0", NOBODY, "cat secrets/tls/key.pem > copy.txt");
        fileSecret(l, "k", "secrets/tls/key.pem", "s3cret");
        Run run = run(l, work);
        assertEquals(0, run.outcome().exitCode(), "the task could not read its secret: " + Files.readString(run.runner().sandbox.resolve("stderr")));
        assertEquals("s3cret", Files.readString(run.runner().sandbox.resolve("copy.txt")));
        assertFalse(Files.exists(run.runner().sandbox.resolve("secrets/tls/key.pem")), "the secret file is gone once the task ended");
    }

    /** Finding 9: the sandbox is the task user's, and no one else's to enter or list. */
    @Test
    void theSandboxIsOwnerOnlyAndTheTaskUsers() throws Exception {
        Run run = run(launch("box.t.0", NOBODY, "true"), work);
        Path box = run.runner().sandbox;
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(box, LinkOption.NOFOLLOW_LINKS)));
        assertEquals(65534, uid(box));
    }

    /**
     * A task owns its sandbox, so what it leaves there is the task's word: a restarted agent must
     * not adopt (and later kill the process group of) a process a task named in a forged record.
     */
    @Test
    void aRestartedAgentDoesNotAdoptAProcessATaskNamed() throws Exception {
        Process victim = new ProcessBuilder("sleep", "600").start();
        try {
            Path box = Files.createDirectories(work.resolve("sandboxes").resolve("forged.t.0"));
            long start = victim.toHandle().info().startInstant().orElseThrow().toEpochMilli();
            Files.writeString(box.resolve("task.json"), "{\"task_id\": \"forged.t.0\", \"pid\": " + victim.pid() + ", \"start_ms\": " + start + "}");
            List<TaskRunner> adopted = TaskRunner.adopt(work, o -> { });
            assertEquals(List.of(), adopted.stream().map(r -> r.taskId).toList());
        } finally {
            victim.destroyForcibly();
        }
    }
    /** Finding 8: a task whose user cannot read a declared secret file must not start; the kernel is asked as that user. */
    @Test
    void theAgentAsksTheKernelWhetherTheUserCanReadItsSecrets() throws Exception {
        TaskUser.Target nobody = TaskUser.resolve(NOBODY);
        Path box = Files.createDirectory(tmp.resolve("box"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectories(box.resolve("secrets"));
        Files.writeString(box.resolve("secrets/key.pem"), "k");
        Files.setPosixFilePermissions(box.resolve("secrets/key.pem"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(box.resolve("open.txt"), "o");
        List<String> files = List.of("secrets/key.pem", "open.txt");
        assertEquals(files, TaskUser.unreadable(nobody, box, files), "root's sandbox: nothing in it readable by nobody, checked from inside");
        TaskUser.handOver(box, nobody);
        assertEquals(List.of(), TaskUser.unreadable(nobody, box, files));
        Files.setPosixFilePermissions(box.resolve("secrets"), PosixFilePermissions.fromString("rw-------"));
        assertEquals(List.of("secrets/key.pem"), TaskUser.unreadable(nobody, box, files), "a directory on the way without search permission");
    }

    /**
     * Finding 9: an agent with a short retention deletes an ended task's sandbox, links as links:
     * what the task's links point at survives.
     */
    @Test
    void anEndedTasksSandboxIsDeletedAfterTheRetentionWithoutFollowingItsLinks() throws Exception {
        Path victims = Files.createDirectories(tmp.resolve("victims"));
        Path file = Files.writeString(victims.resolve("file"), "root's file");
        Path inDir = Files.writeString(Files.createDirectories(victims.resolve("dir")).resolve("inner"), "root's inner file");
        Run run = run(launch("keep.t.0", NOBODY, "mkdir -p a/b && ln -s " + file + " a/b/to-file && ln -s " + victims.resolve("dir")
                + " to-dir && ln -s " + victims + " a/to-victims && echo out"), work);
        assertEquals(0, run.outcome().exitCode());
        Path box = run.runner().sandbox;
        assertTrue(Files.isSymbolicLink(box.resolve("to-dir")), "the task planted its links");

        SandboxSweeper sweeper = new SandboxSweeper(work, 60_000, System.err);
        assertEquals(0, sweeper.sweep(System.currentTimeMillis()), "within the retention the sandbox stays");
        assertTrue(Files.exists(box.resolve("stdout")));

        try (LiveAgent agent = new LiveAgent(settings(work).withSandboxRetention(300), new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).start()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // the sweeper deletes the sandbox, then the record: closing the agent in between left the record (a loaded machine did)
            while ((Files.exists(box, LinkOption.NOFOLLOW_LINKS) || !TaskRecord.all(work, System.err).isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertFalse(Files.exists(box, LinkOption.NOFOLLOW_LINKS), "the sandbox is gone after the retention");
        assertEquals(List.of(), TaskRecord.all(work, System.err), "and its record with it");
        assertEquals("root's file", Files.readString(file));
        assertEquals("root's inner file", Files.readString(inDir));
        assertTrue(Files.isDirectory(victims.resolve("dir")));
    }

    /** A directory a task swapped for a link between two steps stops the deletion; it never redirects it. */
    @Test
    void deletingInsideASandboxStopsAtALink() throws Exception {
        Path victims = Files.createDirectories(tmp.resolve("victims"));
        Path victim = Files.writeString(victims.resolve("key.pem"), "v");
        Path box = Files.createDirectories(work.resolve("sandboxes").resolve("b"));
        Files.createSymbolicLink(box.resolve("secrets"), victims);
        assertFalse(SandboxFiles.deleteInside(box, "secrets/key.pem"));
        assertTrue(Files.exists(victim));
        Files.writeString(Files.createDirectories(box.resolve("real")).resolve("key.pem"), "mine");
        assertTrue(SandboxFiles.deleteInside(box, "real/key.pem"));
        assertFalse(Files.exists(box.resolve("real/key.pem")));
    }
}
