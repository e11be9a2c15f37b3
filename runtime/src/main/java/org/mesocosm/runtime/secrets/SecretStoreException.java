package org.mesocosm.runtime.secrets;

/**
 * The secret store cannot be opened or a value cannot be decrypted: wrong key, a tampered or
 * damaged file, a key file others can read. The message says which file and what to do; it never
 * holds a secret value.
 */
public final class SecretStoreException extends RuntimeException {
    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
