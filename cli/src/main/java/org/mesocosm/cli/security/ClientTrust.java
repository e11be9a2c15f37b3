package org.mesocosm.cli.security;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.net.ssl.KeyManager;
import org.mesocosm.runtime.security.ClientSecurity;
import org.mesocosm.runtime.security.Tls;

/**
 * Turns the client and agent options ({@code --pin}, {@code --ca}, {@code --token-file}) into a
 * {@link ClientSecurity}. An {@code https} master is trusted by its pinned fingerprint, by a CA
 * file, or else by the JVM's default trust store; an {@code http} master gets a warning, since
 * the token then crosses the network in the clear.
 */
public final class ClientTrust {
    /** The token itself, for scripts that cannot keep a file; {@code --token-file} wins. */
    public static final String TOKEN_ENV = "MESOCOSM_TOKEN";

    private ClientTrust() {}

    public static ClientSecurity of(URI master, String pin, Path ca, Path tokenFile, PrintStream warnings) {
        return of(master, pin, ca, tokenFile, null, null, warnings);
    }

    /** @param certFile a client certificate (PEM, with {@code keyFile}) to log in with instead of a token; null: none */
    public static ClientSecurity of(URI master, String pin, Path ca, Path tokenFile, Path certFile, Path keyFile, PrintStream warnings) {
        String token = token(tokenFile);
        if ((certFile == null) != (keyFile == null)) throw new IllegalArgumentException("--cert and --key go together");
        KeyManager[] keys = null;
        if (certFile != null) {
            try {
                MasterCertificate pair = MasterCertificate.read(certFile, keyFile, false);
                keys = Tls.keyManagers(pair.key(), pair.chain());
            } catch (IOException e) {
                throw new IllegalArgumentException(certFile + ": cannot read: " + e.getMessage());
            }
        }
        boolean https = master.getScheme().equals("https");
        if (!https) {
            if (pin != null || ca != null || keys != null) throw new IllegalArgumentException("--pin, --ca and --cert are for an https:// master, not " + master);
            warnings.println("warning: talking to " + master + " without TLS" + (token == null ? "" : ": the token crosses the network in the clear"));
            return new ClientSecurity(null, token);
        }
        if (pin != null && ca != null) throw new IllegalArgumentException("give --pin or --ca, not both");
        if (pin != null) return new ClientSecurity(Tls.pinned(pin, keys), token);
        if (ca != null) return new ClientSecurity(Tls.trusting(ca, keys), token);
        return new ClientSecurity(keys == null ? null : Tls.defaultTrust(keys), token);
    }

    private static String token(Path file) {
        if (file == null) {
            String t = System.getenv(TOKEN_ENV);
            return t == null || t.isBlank() ? null : t.strip();
        }
        try {
            String t = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (t.isEmpty()) throw new IllegalArgumentException(file + ": the token file is empty");
            if (t.contains("\n")) throw new IllegalArgumentException(file + ": a token file holds one line, the token");
            return t;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file (--token-file)");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }
}
