package org.mesocosm.runtime.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for one value at a time: a fresh random 96-bit nonce per encryption, stored in
 * front of the ciphertext, and the secret's name as associated data, so that a ciphertext moved
 * under another name fails to authenticate like a tampered one does.
 */
final class SecretCipher {
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private final MasterKey key;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(MasterKey key) {
        this.key = key;
    }

    MasterKey key() { return key; }

    /** nonce || ciphertext || tag. */
    byte[] seal(String name, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + ct.length).put(nonce).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The plaintext; a wrong key, a changed byte or another name is a {@link SecretStoreException}. */
    byte[] open(String name, byte[] sealed) {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) throw new SecretStoreException("secret '" + name + "': ciphertext too short (damaged)");
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretStoreException("secret '" + name + "' does not authenticate: the key is not the one it was stored with, or the ciphertext was changed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }
}
