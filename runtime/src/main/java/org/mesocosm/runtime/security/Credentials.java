package org.mesocosm.runtime.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may talk to the master: bearer tokens by principal, read from a credentials file (JSON or
 * YAML). A token is given either as its SHA-256 ({@code token_sha256}, so the file holds no
 * secret) or in plain ({@code token}, for demos). Only hashes are kept in memory, and a token
 * is found by its hash, so a lookup does not compare secrets byte by byte.
 *
 * <pre>
 * credentials:
 *   - principal: ops
 *     token_sha256: 6f1ed002ab5595859014ebf0951522d9...
 *   - principal: agent
 *     token: demo-agent-token-0001
 * </pre>
 */
public final class Credentials {
    /** The principal of a request without credentials, where the master allows those. */
    public static final String ANONYMOUS = "anonymous";
    static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    static final int MIN_TOKEN_CHARS = 16;

    private final Map<String, String> principalByHash;

    private Credentials(Map<String, String> principalByHash) {
        this.principalByHash = Map.copyOf(principalByHash);
    }

    /** No credentials at all: only anonymous requests, if allowed, get in. */
    public static Credentials none() { return new Credentials(Map.of()); }

    /** One token per principal, given in plain (tests). */
    public static Credentials of(Map<String, String> tokenByPrincipal) {
        Map<String, String> m = new HashMap<>();
        tokenByPrincipal.forEach((p, t) -> m.put(sha256(t), p));
        return new Credentials(m);
    }

    public static Credentials load(Path file) {
        JsonNode root = SecurityFile.read(file);
        SecurityFile.onlyKeys(file, root, "", Set.of("credentials"));
        JsonNode list = root.path("credentials");
        if (!list.isArray() || list.isEmpty()) throw SecurityFile.error(file, "credentials", "a list of {principal, token or token_sha256} is required");
        Map<String, String> byHash = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "credentials[" + i + "]";
            JsonNode e = list.get(i);
            if (!e.isObject()) throw SecurityFile.error(file, at, "must be an object with principal and token or token_sha256");
            SecurityFile.onlyKeys(file, e, at + ".", Set.of("principal", "token", "token_sha256"));
            String principal = e.path("principal").asText("");
            if (!PRINCIPAL.matcher(principal).matches()) {
                throw SecurityFile.error(file, at + ".principal", "1-128 letters, digits, '.', '_', '@' or '-' required");
            }
            if (principal.equals(ANONYMOUS)) throw SecurityFile.error(file, at + ".principal", "'" + ANONYMOUS + "' is reserved for requests without credentials");
            boolean plain = e.has("token"), hashed = e.has("token_sha256");
            if (plain == hashed) throw SecurityFile.error(file, at, "give exactly one of token and token_sha256");
            String hash;
            if (plain) {
                String t = e.path("token").asText("");
                if (t.length() < MIN_TOKEN_CHARS || !t.equals(t.strip())) {
                    throw SecurityFile.error(file, at + ".token", "at least " + MIN_TOKEN_CHARS + " characters, no surrounding blanks");
                }
                hash = sha256(t);
            } else {
                hash = e.path("token_sha256").asText("");
                if (!HEX64.matcher(hash).matches()) throw SecurityFile.error(file, at + ".token_sha256", "64 hex digits (sha256sum of the token) required");
                hash = hash.toLowerCase(java.util.Locale.ROOT);
            }
            String other = byHash.put(hash, principal);
            if (other != null) throw SecurityFile.error(file, at, "the same token is already given to '" + other + "'");
        }
        return new Credentials(byHash);
    }

    /** Whether {@code name} can be a principal (as a client certificate's CN must): the file's rule, and not {@value #ANONYMOUS}. */
    public static boolean isPrincipalName(String name) {
        return PRINCIPAL.matcher(name).matches() && !name.equals(ANONYMOUS);
    }

    /** The principal a bearer token belongs to, or null if it is nobody's. */
    public String principal(String token) {
        return token == null ? null : principalByHash.get(sha256(token));
    }

    public int size() { return principalByHash.size(); }

    /** Lowercase hex SHA-256 of the token's UTF-8 bytes: what {@code printf %s TOKEN | sha256sum} prints. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Principals named in the file, for a startup line. */
    public Set<String> principals() {
        return Set.copyOf(principalByHash.values());
    }
}
