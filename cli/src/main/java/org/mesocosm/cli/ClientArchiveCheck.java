package org.mesocosm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * The build's check of the client AppCDS archive (cli/pom.xml, package phase, after {@link ClientArchiveTraining}): a
 * client command run with {@code -Xshare:on} (the JVM refuses to start if it cannot map the archive) must succeed
 * and load its command classes from the archive, not from the jar. Fails the build otherwise.
 */
public final class ClientArchiveCheck {
    private ClientArchiveCheck() {}

    /** {@code args}: the archive, then the jar it was made with. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path archive = Path.of(args[0]), jar = Path.of(args[1]);
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) fail("no archive at " + archive);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xlog:class+load=info", "-cp", jar.toString(), ClientMain.class.getName(), "status", "--help");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) fail("'" + String.join(" ", cmd) + "' exited " + code + ":\n" + tail(out));
        // picocli's classes are class-file version 49 (Java 5): only a static dump archives them (cli/pom.xml)
        for (Class<?> c : new Class<?>[] {ClientMain.class, StatusCommand.class, ClientOptions.class, CommandLine.class}) {
            if (!out.contains(c.getName() + " source: shared objects file")) {
                fail(c.getName() + " was not loaded from the archive " + archive + ":\n" + tail(out));
            }
        }
        System.out.println("mesocosm: client AppCDS archive " + archive.getFileName() + " maps and serves the client's classes");
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }

    private static void fail(String why) {
        System.err.println("mesocosm: client AppCDS archive check failed: " + why);
        System.exit(1);
    }
}
