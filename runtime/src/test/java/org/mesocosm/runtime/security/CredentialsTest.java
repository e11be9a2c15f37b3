package org.mesocosm.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
    @TempDir
    Path tmp;

    @Test
    void tokensInPlainOrAsSha256FindTheirPrincipal() throws Exception {
        // printf %s ops-token-0123456789 | sha256sum
        String hash = Credentials.sha256("ops-token-0123456789");
        assertEquals(64, hash.length());
        Path f = Files.writeString(tmp.resolve("creds.yaml"), """
                credentials:
                  - principal: ops
                    token_sha256: %s
                  - principal: agent
                    token: agent-token-0123456789
                """.formatted(hash.toUpperCase(java.util.Locale.ROOT)));
        Credentials c = Credentials.load(f);
        assertEquals("ops", c.principal("ops-token-0123456789"));
        assertEquals("agent", c.principal("agent-token-0123456789"));
        assertNull(c.principal("agent-token-012345678"));
        assertNull(c.principal(""));
        assertNull(c.principal(null));
    }

    @Test
    void mistakesNameFileAndField() throws Exception {
        assertError("credentials: []\n", "credentials: a list");
        assertError("credentials:\n  - principal: a\n", "credentials[0]: give exactly one of token and token_sha256");
        assertError("credentials:\n  - principal: a\n    token: short\n", "credentials[0].token: at least 16 characters");
        assertError("credentials:\n  - principal: a\n    token_sha256: abc\n", "credentials[0].token_sha256: 64 hex digits");
        assertError("credentials:\n  - principal: anonymous\n    token: 0123456789abcdef\n", "credentials[0].principal: 'anonymous' is reserved");
        assertError("credentials:\n  - principal: 'a b'\n    token: 0123456789abcdef\n", "credentials[0].principal:");
        assertError("credentials:\n  - principal: a\n    token: 0123456789abcdef\n  - principal: b\n    token: 0123456789abcdef\n",
                "credentials[1]: the same token is already given to 'a'");
        assertError("credentials:\n  - principal: a\n    tokn: 0123456789abcdef\n", "credentials[0].tokn: unknown key");
    }

    private void assertError(String text, String start) throws Exception {
        Path f = Files.writeString(tmp.resolve("c.yaml"), text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Credentials.load(f));
        assertTrue(e.getMessage().startsWith(f + ": " + start), e.getMessage());
    }
}
