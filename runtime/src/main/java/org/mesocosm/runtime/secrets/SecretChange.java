package org.mesocosm.runtime.secrets;

/**
 * A change to one named secret as it travels between replicated masters (issue 19): the value
 * sealed with the masters' shared key exactly as {@link EncryptedSecretStore} keeps it, never in
 * plain text.
 *
 * @param sealed the sealed value; null: the secret was deleted
 * @param updatedAtMillis when the leader took the change (the store's "updated at")
 */
public record SecretChange(String name, byte[] sealed, long updatedAtMillis) {
    public boolean deleted() {
        return sealed == null;
    }
}
