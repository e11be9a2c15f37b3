package org.mesocosm.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.SecretRef;
import org.mesocosm.runtime.security.OwnerOnlyFiles;

/**
 * Hands a task the secrets its launch command carries: as environment variables of its process,
 * or as files in its sandbox, created owner-only (0600, in 0700 directories) before the process
 * starts, while the sandbox is still the agent's own, and deleted when it ends. Which files were
 * written is the agent's record ({@link TaskRecord}), never anything in the sandbox: the sandbox
 * belongs to the task's user, and what a task leaves there must not choose what root deletes. No
 * value is ever put in an error message: those reach the master as task status messages.
 */
final class SecretDelivery {
    private SecretDelivery() {}

    /** The files (relative to the sandbox) that {@link #deliver} will write, so they can be recorded before they exist. */
    static List<String> files(JsonNode secrets) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode s : secrets) {
            String file = s.path("file").asText(null);
            if (file == null) continue;
            String name = s.path("name").asText();
            if (SecretRef.problem(name, null, file) != null) throw new IOException("secret '" + name + "': bad file path '" + file + "'");
            out.add(file);
        }
        return out;
    }

    /** Puts env secrets into {@code env} and writes file secrets into the sandbox. On failure, files written so far are removed. */
    static void deliver(JsonNode secrets, Path sandbox, Map<String, String> env) throws IOException {
        List<String> written = new ArrayList<>();
        try {
            for (JsonNode s : secrets) {
                String name = s.path("name").asText();
                if (s.path("missing").asBoolean(false)) {
                    throw new IOException("secret '" + name + "' is not in the master's secret store (deleted, or the store was lost)");
                }
                byte[] value;
                try {
                    value = Base64.getDecoder().decode(s.path("value_b64").asText(""));
                } catch (IllegalArgumentException e) {
                    throw new IOException("secret '" + name + "': the launch command's value is not base64");
                }
                try {
                    String file = s.path("file").asText(null);
                    if (file != null) {
                        if (SecretRef.problem(name, null, file) != null) throw new IOException("secret '" + name + "': bad file path '" + file + "'");
                        write(sandbox, file, value);
                        written.add(file);
                    } else {
                        env.put(s.path("env").asText(), text(name, value));
                    }
                } finally {
                    Arrays.fill(value, (byte) 0);
                }
            }
        } catch (IOException | RuntimeException e) {
            removeFiles(sandbox, written);
            throw e;
        }
    }

    /** Deletes the given secret files of a sandbox, never through a link; quietly, it may run twice. */
    static void removeFiles(Path sandbox, List<String> files) {
        for (String rel : files) {
            try {
                if (SecretRef.problem("x", null, rel) != null) continue; // only ever a plain relative path
                SandboxFiles.deleteInside(sandbox, rel);
            } catch (IOException e) {
                System.err.println("mesocosm agent: could not remove secret file " + rel + " in " + sandbox + ": " + e.getMessage());
            }
        }
    }

    private static void write(Path sandbox, String rel, byte[] value) throws IOException {
        Path target = sandbox.resolve(rel);
        Path parent = target.getParent();
        if (!parent.equals(sandbox)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        OwnerOnlyFiles.create(target, value, false); // refuses to follow a link planted in its place
    }

    /** An environment variable holds text without NUL: a value that is not UTF-8 text must go in a file. */
    private static String text(String name, byte[] value) throws IOException {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value));
            String s = cb.toString();
            if (s.indexOf('\0') >= 0) throw new CharacterCodingException();
            return s;
        } catch (CharacterCodingException e) {
            throw new IOException("secret '" + name + "' is not UTF-8 text without NUL bytes, so it cannot be an environment variable; deliver it as a file");
        }
    }
}
