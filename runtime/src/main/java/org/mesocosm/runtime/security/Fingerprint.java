package org.mesocosm.runtime.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** A certificate's SHA-256 fingerprint, written {@code sha256:} and 64 hex digits (colons allowed on input, as openssl prints them). */
public final class Fingerprint {
    private static final String PREFIX = "sha256:";

    private Fingerprint() {}

    public static String of(X509Certificate cert) {
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Normalizes a pin as a user may type it: {@code sha256:AB:CD...} or {@code sha256:abcd...}. */
    public static String parse(String pin) {
        String p = pin.strip().toLowerCase(Locale.ROOT);
        if (!p.startsWith(PREFIX)) throw new IllegalArgumentException("a pin is 'sha256:' and 64 hex digits (the master prints it), got '" + pin + "'");
        String hex = p.substring(PREFIX.length()).replace(":", "");
        if (!hex.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("a pin is 'sha256:' and 64 hex digits (the master prints it), got '" + pin + "'");
        return PREFIX + hex;
    }
}
