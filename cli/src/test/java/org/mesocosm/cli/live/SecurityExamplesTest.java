package org.mesocosm.cli.live;

import static org.mesocosm.cli.live.SecurityExampleFiles.example;
import static org.mesocosm.cli.live.SecurityExampleFiles.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.security.Acl;
import org.mesocosm.runtime.security.Action;
import org.mesocosm.runtime.security.Credentials;
import org.mesocosm.runtime.spec.JobSpecReader;
import org.mesocosm.runtime.spec.ParsedJob;

/** The example credentials and ACL files load, and say what the README's walk-through says they do. */
class SecurityExamplesTest {

    @Test
    void walkThroughPrincipalsAndRules() throws Exception {
        Credentials creds = Credentials.load(example("credentials.yaml"));
        for (String p : new String[] {"ops", "alice", "agent-1", "agent-2"}) assertEquals(p, creds.principal(token(p)));

        Acl acl = Acl.load(example("acls.yaml"));
        assertTrue(acl.allows("agent-1", Action.REGISTER_AGENTS, "agent-1"));
        assertFalse(acl.allows("agent-1", Action.REGISTER_AGENTS, "agent-2"), "an agent speaks only for its own id");
        assertFalse(acl.allows("alice", Action.REGISTER_AGENTS, "alice"));
        assertTrue(acl.allows("ops", Action.SUBMIT_JOBS, "frontend"));
        assertFalse(acl.allows("alice", Action.SUBMIT_JOBS, "frontend"), "examples/service.json is refused to alice");
        ParsedJob report = JobSpecReader.read(Files.readString(example("analytics-job.yaml")));
        assertTrue(acl.allows("alice", Action.SUBMIT_JOBS, report.spec().role()));
        assertTrue(acl.allows("alice", Action.RUN_TASKS, report.user()));
        assertFalse(acl.allows("alice", Action.RUN_TASKS, "root"));
        assertTrue(acl.allows("alice", Action.VIEW_JOBS, "analytics"));
        assertFalse(acl.allows("alice", Action.VIEW_JOBS, "frontend"));
        assertFalse(acl.allows("alice", Action.VIEW_CLUSTER, ""));
        assertTrue(acl.allows("ops", Action.VIEW_CLUSTER, ""));
        assertFalse(acl.allows("agent-1", Action.SUBMIT_JOBS, "default"), "agents only register");
    }

    @Test
    void exampleQuotasLoad() {
        org.mesocosm.runtime.security.RoleQuotas q = org.mesocosm.runtime.security.RoleQuotas.load(example("quotas.yaml"));
        assertEquals(new org.mesocosm.runtime.security.RoleQuotas.Quota(20, 4000, 4096), q.of("analytics"));
        assertEquals(null, q.of("frontend"));
    }
}
