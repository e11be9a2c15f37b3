package org.mesocosm.runtime.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.mesocosm.runtime.security.OwnerOnlyFiles;

/**
 * The 256-bit AES key that encrypts the master's secrets. It lives in a key file holding the key
 * in base64 on one line (what {@code openssl rand -base64 32} prints), readable by its owner only:
 * a key file that others may read is refused, as ssh refuses such private keys.
 */
public final class MasterKey {
    public static final String DEFAULT_FILE = "secret.key";
    static final int BYTES = 32;
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final SecretKey key;
    /** Where it came from, for messages; "memory" for a key that lives only as long as this process. */
    private final String origin;

    private MasterKey(byte[] raw, String origin) {
        this.key = new SecretKeySpec(raw, "AES");
        Arrays.fill(raw, (byte) 0);
        this.origin = origin;
    }

    SecretKey key() { return key; }

    public String origin() { return origin; }

    /** A fresh key kept only in memory: for a master without a state dir, whose secrets die with it anyway. */
    public static MasterKey ephemeral() {
        byte[] raw = new byte[BYTES];
        new SecureRandom().nextBytes(raw);
        return new MasterKey(raw, "memory");
    }

    /** The key in {@code file}, which the operator gave: it must exist. */
    public static MasterKey load(Path file) {
        try {
            if (!Files.isRegularFile(file)) throw new SecretStoreException(file + ": no such key file");
            checkOwnerOnly(file);
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new SecretStoreException(file + ": not a key (expected " + BYTES + " bytes in base64 on one line, e.g. from 'openssl rand -base64 32')");
            }
            if (raw.length != BYTES) {
                throw new SecretStoreException(file + ": the key is " + raw.length + " bytes; AES-256 needs " + BYTES
                        + " (base64 on one line, e.g. from 'openssl rand -base64 32')");
            }
            return new MasterKey(raw, file.toString());
        } catch (NoSuchFileException e) {
            throw new SecretStoreException(file + ": no such key file");
        } catch (IOException e) {
            throw new SecretStoreException(file + ": cannot read the key file: " + e.getMessage(), e);
        }
    }

    /** The key in {@code file}; if there is none yet, a new random key written there with owner-only permissions. */
    public static MasterKey loadOrCreate(Path file) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return load(file);
        byte[] raw = new byte[BYTES];
        new SecureRandom().nextBytes(raw);
        byte[] line = (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            OwnerOnlyFiles.create(file, line, true); // never over an existing file
        } catch (FileAlreadyExistsException e) {
            return load(file); // another process made it first
        } catch (IOException e) {
            throw new SecretStoreException(file + ": cannot create the key file: " + e.getMessage(), e);
        } finally {
            Arrays.fill(line, (byte) 0);
        }
        return new MasterKey(raw, file.toString());
    }

    private static void checkOwnerOnly(Path file) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to check
        }
        Set<PosixFilePermission> extra = EnumSet.copyOf(OTHERS);
        extra.retainAll(perms);
        if (!extra.isEmpty()) {
            throw new SecretStoreException(file + ": the key file may be read or changed by others (" + PosixFilePermissions.toString(perms)
                    + "); run 'chmod 600 " + file + "'");
        }
    }
}
