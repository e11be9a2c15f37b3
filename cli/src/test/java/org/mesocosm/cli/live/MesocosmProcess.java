package org.mesocosm.cli.live;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mesocosm.cli.Mesocosm;

/**
 * A {@code mesocosm} command in a JVM of its own (this test JVM's class path), its stdout and
 * stderr captured to files under {@code logDir}: a master or an agent run the way a user runs
 * them, with every byte they print kept for inspection.
 */
final class MesocosmProcess implements AutoCloseable {
    final String label;
    final Process process;
    final Path stdout;
    final Path stderr;

    private MesocosmProcess(String label, Process process, Path stdout, Path stderr) {
        this.label = label;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static MesocosmProcess start(Path logDir, String label, byte[] stdin, String... args) throws IOException {
        Files.createDirectories(logDir);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), Mesocosm.class.getName()));
        cmd.addAll(List.of(args));
        Path out = logDir.resolve(label + ".stdout");
        Path err = logDir.resolve(label + ".stderr");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin);
        }
        return new MesocosmProcess(label, p, out, err);
    }

    /**
     * Runs a client command to its end in this JVM (a JVM each is slow on a loaded machine), its
     * stdout and stderr captured to files like a process's; returns its exit status and output.
     */
    static synchronized Result run(Path logDir, String label, byte[] stdin, String... args) throws IOException {
        Files.createDirectories(logDir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
            exit = Mesocosm.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        Files.write(logDir.resolve(label + ".stdout"), out.toByteArray());
        Files.write(logDir.resolve(label + ".stderr"), err.toByteArray());
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int exit, String out, String err) {}

    /** Waits for a line of stderr matching {@code pattern}; returns its first group. */
    String awaitStderr(Pattern pattern, long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(Files.readString(stderr, StandardCharsets.UTF_8));
            if (m.find()) return m.group(1);
            if (!process.isAlive()) break;
            Thread.sleep(50);
        }
        throw new AssertionError(label + ": no " + pattern + " on stderr; it says: " + Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** SIGTERM (its shutdown hooks run: an agent kills its tasks), SIGKILL if it lingers. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) stop();
    }
}
