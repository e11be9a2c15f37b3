package org.mesocosm.runtime.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mesocosm.runtime.model.SecretRef;
import org.mesocosm.runtime.security.OwnerOnlyFiles;

/**
 * The master's named secrets, encrypted at rest. Values are sealed with {@link SecretCipher}
 * (AES-256-GCM, random nonce, the name as associated data) as soon as they arrive and are kept
 * sealed, in memory and in the store file; a value is opened only to be put in the launch command
 * of a task that uses it. The file also holds a sealed known text, so a wrong key is reported when
 * the store is opened, even when it holds no secret yet. Without a file (a master without state
 * dir) the sealed values live in memory only.
 *
 * <p>Thread-safe; in the master every call comes from the event loop anyway.
 */
public final class EncryptedSecretStore {
    public static final String DEFAULT_FILE = "secrets.enc";
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    static final String FORMAT = "mesocosm-secrets/1";
    /** Associated data of the key check: no secret can have this name (names start with a letter or digit). */
    private static final String CHECK_NAME = "\u0000key-check";
    private static final byte[] CHECK_TEXT = "mesocosm secret store key check".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A secret as anyone may see it: its name and when it was last set, never its value. */
    public record Entry(String name, Instant updatedAt) {}

    private record Sealed(byte[] bytes, Instant updatedAt) {}

    private final Path file;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Map<String, Sealed> sealed = new TreeMap<>();
    private byte[] keyCheck;

    private EncryptedSecretStore(Path file, MasterKey key, Clock clock) {
        this.file = file;
        this.cipher = new SecretCipher(key);
        this.clock = clock;
    }

    /** Secrets kept only in this process, sealed with {@code key}. */
    public static EncryptedSecretStore inMemory(MasterKey key, Clock clock) {
        EncryptedSecretStore s = new EncryptedSecretStore(null, key, clock);
        s.keyCheck = s.cipher.seal(CHECK_NAME, CHECK_TEXT);
        return s;
    }

    /**
     * Opens the store in {@code file}, creating it if absent. Every value in it is authenticated
     * now: a wrong key or a changed byte stops the master at start, not at some later launch.
     */
    public static EncryptedSecretStore open(Path file, MasterKey key, Clock clock) {
        EncryptedSecretStore s = new EncryptedSecretStore(file, key, clock);
        if (Files.exists(file)) {
            s.load();
        } else {
            s.keyCheck = s.cipher.seal(CHECK_NAME, CHECK_TEXT);
            s.save();
        }
        return s;
    }

    public Path file() { return file; }

    public synchronized boolean contains(String name) {
        return sealed.containsKey(name);
    }

    /** Stores (or replaces) a value; true if the name is new. */
    public synchronized boolean put(String name, byte[] value) {
        checkName(name);
        if (value.length == 0) throw new IllegalArgumentException("secret '" + name + "': the value is empty");
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("secret '" + name + "': the value is " + value.length + " bytes; at most " + MAX_VALUE_BYTES);
        }
        Sealed before = sealed.put(name, new Sealed(cipher.seal(name, value), clock.instant()));
        try {
            save();
        } catch (RuntimeException e) {
            if (before == null) sealed.remove(name);
            else sealed.put(name, before);
            throw e;
        }
        return before == null;
    }

    /** Forgets a secret; false if there was none by that name. */
    public synchronized boolean delete(String name) {
        Sealed before = sealed.remove(name);
        if (before == null) return false;
        try {
            save();
        } catch (RuntimeException e) {
            sealed.put(name, before);
            throw e;
        }
        return true;
    }

    /**
     * Seals a value for a replicated master to send through the replicated log (the store is not
     * changed: every master, this one included, stores it when it applies the change).
     */
    public SecretChange sealForPut(String name, byte[] value) {
        checkName(name);
        if (value.length == 0) throw new IllegalArgumentException("secret '" + name + "': the value is empty");
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("secret '" + name + "': the value is " + value.length + " bytes; at most " + MAX_VALUE_BYTES);
        }
        return new SecretChange(name, cipher.seal(name, value), clock.instant().toEpochMilli());
    }

    /**
     * Applies a change another master (or this one) sealed: the sealed bytes are kept as they came.
     * Returns true if the name is new (a put) or was there (a delete). A value this store's key
     * cannot open is refused: the masters of a group must share one key ({@code --secret-key-file}).
     */
    public synchronized boolean apply(SecretChange change) {
        checkName(change.name());
        if (change.deleted()) return delete(change.name());
        try {
            Arrays.fill(cipher.open(change.name(), change.sealed()), (byte) 0);
        } catch (SecretStoreException e) {
            throw new SecretStoreException("secret '" + change.name() + "' was sealed with another key than this master's ("
                    + cipher.key().origin() + "): every master of a replicated group must be given the same --secret-key-file");
        }
        Sealed before = sealed.put(change.name(), new Sealed(change.sealed(), Instant.ofEpochMilli(change.updatedAtMillis())));
        save();
        return before == null;
    }

    /** Every secret, sealed, by name: what a replicated master's snapshot holds. */
    public synchronized List<SecretChange> sealedAll() {
        List<SecretChange> out = new ArrayList<>();
        sealed.forEach((n, s) -> out.add(new SecretChange(n, s.bytes(), s.updatedAt().toEpochMilli())));
        return out;
    }

    /** Replaces every secret with {@code all} (a replicated master loading a snapshot); each is checked as {@link #apply} does. */
    public synchronized void replaceAll(List<SecretChange> all) {
        sealed.clear();
        for (SecretChange c : all) {
            if (!c.deleted()) apply(c);
        }
        save();
    }

    /** Names and update times, by name. */
    public synchronized List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        sealed.forEach((n, s) -> out.add(new Entry(n, s.updatedAt())));
        return out;
    }

    public synchronized Entry entry(String name) {
        Sealed s = sealed.get(name);
        return s == null ? null : new Entry(name, s.updatedAt());
    }

    /** The plaintext of a secret (the caller should zero it once used); null if there is none by that name. */
    public synchronized byte[] value(String name) {
        Sealed s = sealed.get(name);
        return s == null ? null : cipher.open(name, s.bytes());
    }

    public static void checkName(String name) {
        if (name == null || !SecretRef.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("secret name '" + name + "' is not valid: " + SecretRef.NAME_RULE);
        }
    }

    private void load() {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SecretStoreException(file + ": not a secret store (" + e.getMessage() + ")", e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new SecretStoreException(file + ": not a secret store of format " + FORMAT);
        }
        keyCheck = bytes(root.path("key_check"), "key_check");
        try {
            byte[] check = cipher.open(CHECK_NAME, keyCheck);
            if (!Arrays.equals(check, CHECK_TEXT)) throw new SecretStoreException("key check text differs");
        } catch (SecretStoreException e) {
            throw new SecretStoreException(file + " was encrypted with another key than the one in " + cipher.key().origin()
                    + " (wrong --secret-key-file?); start with the key it was made with");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("secrets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            byte[] b = bytes(e.getValue().path("sealed"), "secrets." + name + ".sealed");
            try {
                Arrays.fill(cipher.open(name, b), (byte) 0);
            } catch (SecretStoreException x) {
                throw new SecretStoreException(file + ": " + x.getMessage() + "; restore the file from a backup, or remove that entry and put the secret again");
            }
            sealed.put(name, new Sealed(b, Instant.ofEpochMilli(e.getValue().path("updated_at_ms").asLong())));
        }
    }

    private byte[] bytes(JsonNode n, String field) {
        try {
            if (!n.isTextual()) throw new IllegalArgumentException("missing");
            return Base64.getDecoder().decode(n.textValue());
        } catch (IllegalArgumentException e) {
            throw new SecretStoreException(file + ": field " + field + " is not base64 (damaged)");
        }
    }

    /** Writes a new file beside the old one (owner-only from the start), syncs it, and renames it over the old one. */
    private void save() {
        if (file == null) return;
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("cipher", "AES-256-GCM")
                .put("key_check", Base64.getEncoder().encodeToString(keyCheck));
        ObjectNode secrets = root.putObject("secrets");
        sealed.forEach((n, s) -> secrets.putObject(n).put("sealed", Base64.getEncoder().encodeToString(s.bytes()))
                .put("updated_at_ms", s.updatedAt().toEpochMilli()));
        try {
            OwnerOnlyFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new SecretStoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
