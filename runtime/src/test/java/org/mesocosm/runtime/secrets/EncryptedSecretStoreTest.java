package org.mesocosm.runtime.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master's secret store: AES-256-GCM at rest, values authenticated under their names, a wrong key refused at open. */
class EncryptedSecretStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALUE = "correct horse battery staple";

    @TempDir
    Path tmp;

    private EncryptedSecretStore open() {
        return EncryptedSecretStore.open(tmp.resolve("secrets.enc"), MasterKey.loadOrCreate(tmp.resolve("secret.key")), CLOCK);
    }

    @Test
    void roundTripAcrossReopenAndNoPlaintextInTheFile() throws Exception {
        EncryptedSecretStore s = open();
        assertTrue(s.put("db-password", VALUE.getBytes(StandardCharsets.UTF_8)));
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        assertTrue(s.put("blob", binary));
        assertFalse(s.put("db-password", (VALUE + "!").getBytes(StandardCharsets.UTF_8)), "a second put replaces");

        EncryptedSecretStore again = open();
        assertEquals(VALUE + "!", new String(again.value("db-password"), StandardCharsets.UTF_8));
        assertArrayEquals(binary, again.value("blob"));
        assertNull(again.value("nope"));
        assertEquals(List.of(new EncryptedSecretStore.Entry("blob", CLOCK.instant()), new EncryptedSecretStore.Entry("db-password", CLOCK.instant())),
                again.list());

        byte[] file = Files.readAllBytes(tmp.resolve("secrets.enc"));
        String text = new String(file, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(VALUE), "plaintext in the store file");
        assertFalse(text.contains(Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8))), "base64 plaintext in the store file");
        assertFalse(indexOf(file, java.util.Arrays.copyOfRange(binary, 100, 116)) >= 0, "binary plaintext in the store file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("secrets.enc"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("secret.key"))));

        assertTrue(again.delete("blob"));
        assertFalse(again.delete("blob"));
        assertFalse(open().contains("blob"));
    }

    @Test
    void theSameValueTwiceGivesDifferentCiphertexts() throws Exception {
        EncryptedSecretStore s = open();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            s.put("k", VALUE.getBytes(StandardCharsets.UTF_8));
            String sealed = JSON.readTree(tmp.resolve("secrets.enc").toFile()).path("secrets").path("k").path("sealed").asText();
            assertTrue(seen.add(sealed), "nonce reused at put " + i);
        }
    }

    @Test
    void everyChangedByteOfACiphertextIsRejected() throws Exception {
        open().put("db-password", VALUE.getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("secrets.enc");
        ObjectNode root = (ObjectNode) JSON.readTree(f.toFile());
        byte[] sealed = Base64.getDecoder().decode(root.path("secrets").path("db-password").path("sealed").asText());
        for (int i = 0; i < sealed.length; i++) {
            byte[] bad = sealed.clone();
            bad[i] ^= 0x01;
            ((ObjectNode) root.path("secrets").path("db-password")).put("sealed", Base64.getEncoder().encodeToString(bad));
            JSON.writeValue(f.toFile(), root);
            SecretStoreException e = assertThrows(SecretStoreException.class, this::open, "flipped byte " + i);
            assertTrue(e.getMessage().contains("secret 'db-password' does not authenticate"), e.getMessage());
            assertFalse(e.getMessage().contains(VALUE));
        }
    }

    @Test
    void aCiphertextMovedUnderAnotherNameIsRejected() throws Exception {
        EncryptedSecretStore s = open();
        s.put("a", "value-of-a".getBytes(StandardCharsets.UTF_8));
        s.put("b", "value-of-b".getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("secrets.enc");
        ObjectNode root = (ObjectNode) JSON.readTree(f.toFile());
        ((ObjectNode) root.path("secrets")).set("b", root.path("secrets").path("a").deepCopy());
        JSON.writeValue(f.toFile(), root);
        SecretStoreException e = assertThrows(SecretStoreException.class, this::open);
        assertTrue(e.getMessage().contains("secret 'b' does not authenticate"), e.getMessage());
    }

    @Test
    void aWrongKeyIsRefusedAtOpenEvenWithoutSecrets() throws Exception {
        open();
        Path other = tmp.resolve("other.key");
        MasterKey.loadOrCreate(other);
        SecretStoreException e = assertThrows(SecretStoreException.class,
                () -> EncryptedSecretStore.open(tmp.resolve("secrets.enc"), MasterKey.load(other), CLOCK));
        assertTrue(e.getMessage().contains("was encrypted with another key than the one in " + other), e.getMessage());

        open().put("x", VALUE.getBytes(StandardCharsets.UTF_8));
        assertThrows(SecretStoreException.class, () -> EncryptedSecretStore.open(tmp.resolve("secrets.enc"), MasterKey.load(other), CLOCK));
        Files.delete(tmp.resolve("secret.key")); // a lost key file is replaced by a new key, which must not open the old store
        assertThrows(SecretStoreException.class, this::open);
    }

    @Test
    void keyFilesAreCheckedForShapeAndPermissions() throws Exception {
        Path k = tmp.resolve("k");
        Files.writeString(k, Base64.getEncoder().encodeToString(new byte[16]) + "\n");
        Files.setPosixFilePermissions(k, PosixFilePermissions.fromString("rw-------"));
        assertTrue(assertThrows(SecretStoreException.class, () -> MasterKey.load(k)).getMessage().contains("the key is 16 bytes; AES-256 needs 32"));
        Files.writeString(k, "not base64 !!\n");
        assertTrue(assertThrows(SecretStoreException.class, () -> MasterKey.load(k)).getMessage().contains("not a key"));
        Files.writeString(k, Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        MasterKey.load(k);
        Files.setPosixFilePermissions(k, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(assertThrows(SecretStoreException.class, () -> MasterKey.load(k)).getMessage().contains("chmod 600"));
        assertTrue(assertThrows(SecretStoreException.class, () -> MasterKey.load(tmp.resolve("missing"))).getMessage().contains("no such key file"));
    }

    @Test
    void theOldPlaintextFileStopsTheStart() throws Exception {
        Files.writeString(tmp.resolve("secrets.json"), "{}");
        SecretStoreException e = assertThrows(SecretStoreException.class, () -> SecretStores.open(tmp, null));
        assertTrue(e.getMessage().contains("in plain text"), e.getMessage());
    }

    @Test
    void namesAndSizesAreChecked() {
        EncryptedSecretStore s = EncryptedSecretStore.inMemory(MasterKey.ephemeral(), CLOCK);
        assertThrows(IllegalArgumentException.class, () -> s.put("a/b", new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> s.put("ok", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> s.put("ok", new byte[EncryptedSecretStore.MAX_VALUE_BYTES + 1]));
        s.put("ok", new byte[EncryptedSecretStore.MAX_VALUE_BYTES]);
        assertEquals(EncryptedSecretStore.MAX_VALUE_BYTES, s.value("ok").length);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) if (hay[i + k] != needle[k]) continue outer;
            return i;
        }
        return -1;
    }
}
