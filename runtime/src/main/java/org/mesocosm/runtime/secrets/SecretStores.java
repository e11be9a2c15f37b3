package org.mesocosm.runtime.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Where a live master's secret store and key come from, given its state dir and {@code --secret-key-file}. */
public final class SecretStores {
    /** What masters before the encrypted store wrote: values in plain text. */
    static final String LEGACY_PLAINTEXT_FILE = "secrets.json";

    private SecretStores() {}

    /**
     * @param stateDir null: secrets live in this process only
     * @param keyFile null: the key is {@code stateDir/secret.key}, made on first start (or, without a
     *                state dir, a key in memory)
     */
    /**
     * A replicated master's secrets (issue 19): kept in memory only, since the replicated log and its
     * snapshots hold them (sealed) and a master rebuilds them from there; sealed with the key every
     * master of the group shares ({@code --secret-key-file}), so that any of them can open them.
     */
    public static EncryptedSecretStore replicated(Path keyFile) {
        return EncryptedSecretStore.inMemory(MasterKey.load(keyFile), Clock.systemUTC());
    }

    public static EncryptedSecretStore open(Path stateDir, Path keyFile) {
        MasterKey key = keyFile != null ? MasterKey.load(keyFile)
                : stateDir != null ? MasterKey.loadOrCreate(stateDir.resolve(MasterKey.DEFAULT_FILE)) : MasterKey.ephemeral();
        if (stateDir == null) return EncryptedSecretStore.inMemory(key, Clock.systemUTC());
        Path legacy = stateDir.resolve(LEGACY_PLAINTEXT_FILE);
        if (Files.exists(legacy)) {
            throw new SecretStoreException(legacy + " holds secret values in plain text (written by an older mesocosm); store them again"
                    + " with 'mesocosm secret put NAME', refer to them by name in the job specs, and delete that file");
        }
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new SecretStoreException("cannot create " + stateDir + ": " + e.getMessage(), e);
        }
        return EncryptedSecretStore.open(stateDir.resolve(EncryptedSecretStore.DEFAULT_FILE), key, Clock.systemUTC());
    }
}
