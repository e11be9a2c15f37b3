package org.mesocosm.runtime.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent hands secrets to a task as env vars or owner-only sandbox files, and removes the files again. */
class SecretDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path sandbox;

    private static ArrayNode secrets() {
        return JSON.createArrayNode();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void envAndFileSecretsAreDeliveredOwnerOnlyAndFilesRemoved() throws Exception {
        ArrayNode s = secrets();
        s.addObject().put("name", "db").put("env", "DB_PASSWORD").put("value_b64", b64("pässword"));
        byte[] key = {0, 1, 2, (byte) 0xff, 10};
        s.addObject().put("name", "key").put("file", "secrets/tls/key.pem").put("value_b64", Base64.getEncoder().encodeToString(key));
        s.addObject().put("name", "top").put("file", "token").put("value_b64", b64("t"));
        Map<String, String> env = new HashMap<>();
        assertEquals(java.util.List.of("secrets/tls/key.pem", "token"), SecretDelivery.files(s));
        SecretDelivery.deliver(s, sandbox, env);
        assertEquals(Map.of("DB_PASSWORD", "pässword"), env);
        Path f = sandbox.resolve("secrets/tls/key.pem");
        assertArrayEquals(key, Files.readAllBytes(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.resolve("secrets"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.resolve("secrets/tls"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sandbox.resolve("token"))));

        SecretDelivery.removeFiles(sandbox, SecretDelivery.files(s));
        assertFalse(Files.exists(f));
        assertFalse(Files.exists(sandbox.resolve("token")));
        SecretDelivery.removeFiles(sandbox, SecretDelivery.files(s)); // twice is harmless
    }

    @Test
    void aFailureRemovesWhatWasWrittenAndNamesNoValue() throws Exception {
        ArrayNode s = secrets();
        s.addObject().put("name", "key").put("file", "k.pem").put("value_b64", b64("first-value"));
        s.addObject().put("name", "bin").put("env", "BIN").put("value_b64", Base64.getEncoder().encodeToString(new byte[] {'a', 0, 'b'}));
        IOException e = assertThrows(IOException.class, () -> SecretDelivery.deliver(s, sandbox, new HashMap<>()));
        assertTrue(e.getMessage().contains("secret 'bin' is not UTF-8 text without NUL bytes"), e.getMessage());
        assertFalse(Files.exists(sandbox.resolve("k.pem")), "a half-delivered task leaves no secret file");

        ArrayNode missing = secrets();
        missing.addObject().put("name", "gone").put("env", "X").put("missing", true);
        e = assertThrows(IOException.class, () -> SecretDelivery.deliver(missing, sandbox, new HashMap<>()));
        assertTrue(e.getMessage().contains("secret 'gone' is not in the master's secret store"), e.getMessage());
    }

    @Test
    void aPathLeavingTheSandboxOrAPlantedLinkIsRefused() throws Exception {
        ArrayNode s = secrets();
        s.addObject().put("name", "k").put("file", "../outside").put("value_b64", b64("v"));
        assertThrows(IOException.class, () -> SecretDelivery.deliver(s, sandbox, new HashMap<>()));
        assertFalse(Files.exists(sandbox.resolveSibling("outside")));

        Path target = Files.createTempFile("victim", "");
        Files.createSymbolicLink(sandbox.resolve("link"), target);
        ArrayNode l = secrets();
        l.addObject().put("name", "k").put("file", "link").put("value_b64", b64("v"));
        assertThrows(IOException.class, () -> SecretDelivery.deliver(l, sandbox, new HashMap<>()));
        assertEquals(0, Files.size(target), "nothing written through a link");
        Files.delete(target);
    }
}
