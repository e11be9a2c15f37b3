package org.mesocosm.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --quotas file: what it caps, and mistakes named by file and field. */
class RoleQuotasTest {
    @TempDir
    Path tmp;

    @Test
    void readsEachCapAndLeavesMissingOnesOpen() throws Exception {
        Path f = Files.writeString(tmp.resolve("q.yaml"), "quotas:\n  - role: a\n    max_running_tasks: 3\n    max_cpus: 1.5\n  - role: b\n    max_mem: 100\n");
        RoleQuotas q = RoleQuotas.load(f);
        assertEquals(new RoleQuotas.Quota(3, 1500, -1), q.of("a"));
        assertEquals(new RoleQuotas.Quota(-1, -1, 100), q.of("b"));
        assertEquals(null, q.of("c"));
    }

    @Test
    void mistakesNameFileAndField() throws Exception {
        assertError("quotas:\n  - role: a\n    max_cpu: 2\n", "quotas[0].max_cpu: unknown key");
        assertError("quotas:\n  - max_cpus: 2\n", "quotas[0].role: required");
        assertError("quotas:\n  - role: a\n    max_running_tasks: -1\n", "quotas[0].max_running_tasks: a whole number >= 0");
        assertError("quotas:\n  - role: a\n  - role: a\n", "quotas[1].role: role 'a' has a quota already");
        assertError("quota: []\n", "quota: unknown key");
    }

    private void assertError(String text, String start) throws Exception {
        Path f = Files.writeString(tmp.resolve("bad.yaml"), text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RoleQuotas.load(f));
        assertTrue(e.getMessage().startsWith(f + ": " + start), e.getMessage());
    }
}
