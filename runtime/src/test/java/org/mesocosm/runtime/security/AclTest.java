package org.mesocosm.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of an ACL file allows and denies as written, first applicable rule first, as Mesos ACLs do. */
class AclTest {
    @TempDir
    static Path tmp;

    private static final String ACLS = """
            permissive: false
            register_agents:
              - principals: [agent]
                agents: [a1, a2]
              - principals: [a7, a8]
                agents: [self]
            submit_jobs:
              - principals: [alice]
                roles: [analytics]
              - principals: [ops]
                roles: ANY
            run_tasks:
              - principals: [mallory]
                users: NONE
              - principals: [alice]
                users: [nobody]
              - principals: ANY
                users: [svc]
            view_jobs:
              - principals: [alice, bob]
                roles: [analytics]
            kill_jobs:
              - principals: [alice]
                roles: NONE
              - principals: ANY
                roles: [analytics]
            view_cluster:
              - principals: [ops]
            """;

    record Case(String principal, Action action, String object, boolean allowed) {}

    static List<Case> cases() {
        return List.of(
                new Case("agent", Action.REGISTER_AGENTS, "a1", true),
                new Case("agent", Action.REGISTER_AGENTS, "a3", false),
                new Case("alice", Action.REGISTER_AGENTS, "a1", false),
                new Case("a7", Action.REGISTER_AGENTS, "a7", true),
                new Case("a7", Action.REGISTER_AGENTS, "a8", false),
                new Case("a8", Action.REGISTER_AGENTS, "a7", false),
                new Case("alice", Action.REGISTER_AGENTS, "alice", false),
                new Case("alice", Action.SUBMIT_JOBS, "analytics", true),
                new Case("alice", Action.SUBMIT_JOBS, "prod", false),
                new Case("ops", Action.SUBMIT_JOBS, "prod", true),
                new Case("anonymous", Action.SUBMIT_JOBS, "analytics", false),
                new Case("alice", Action.RUN_TASKS, "nobody", true),
                new Case("alice", Action.RUN_TASKS, "root", false),
                new Case("alice", Action.RUN_TASKS, "svc", true), // falls through to the ANY rule
                new Case("mallory", Action.RUN_TASKS, "svc", false), // NONE applies first and denies
                new Case("bob", Action.RUN_TASKS, "svc", true),
                new Case("bob", Action.VIEW_JOBS, "analytics", true),
                new Case("bob", Action.VIEW_JOBS, "prod", false),
                new Case("alice", Action.KILL_JOBS, "analytics", false), // NONE before the ANY rule
                new Case("bob", Action.KILL_JOBS, "analytics", true),
                new Case("bob", Action.KILL_JOBS, "prod", false),
                new Case("ops", Action.VIEW_CLUSTER, "", true),
                new Case("alice", Action.VIEW_CLUSTER, "", false));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rulesDecideAsWritten(Case c) throws Exception {
        Acl acl = Acl.load(write("acls.yaml", ACLS));
        assertEquals(c.allowed(), acl.allows(c.principal(), c.action(), c.object()), c.toString());
    }

    @Test
    void permissiveDecidesWhenNoRuleApplies() throws Exception {
        Acl open = Acl.load(write("open.json", "{\"permissive\": true, \"submit_jobs\": [{\"principals\": [\"alice\"], \"roles\": NONE}]}"
                .replace("NONE", "\"NONE\"")));
        assertTrue(open.allows("bob", Action.SUBMIT_JOBS, "x"));
        assertEquals(false, open.allows("alice", Action.SUBMIT_JOBS, "x"));
        assertTrue(open.allows("alice", Action.KILL_JOBS, "x"), "no rules for kill_jobs: permissive");
        assertTrue(Acl.allowAll().allows("anyone", Action.RUN_TASKS, "root"));
    }

    @Test
    void mistakesNameFileAndField() throws Exception {
        assertError("submit_job: []\n", "acls.yaml: submit_job: unknown key");
        assertError("submit_jobs:\n  - principals: [a]\n    users: [x]\n", "acls.yaml: submit_jobs[0].users: unknown key");
        assertError("submit_jobs:\n  - principals: [a]\n", "acls.yaml: submit_jobs[0].roles: required");
        assertError("kill_jobs:\n  - roles: ANY\n", "acls.yaml: kill_jobs[0].principals: required");
        assertError("view_jobs:\n  - principals: NONE\n    roles: ANY\n", "acls.yaml: view_jobs[0].principals: a list of names or ANY");
        assertError("run_tasks:\n  - principals: []\n    users: ANY\n", "acls.yaml: run_tasks[0].principals:");
        assertError("permissive: yes please\n", "acls.yaml: permissive: true or false");
        assertError("submit_jobs: [unclosed\n", "acls.yaml: line");
        assertError("submit_jobs:\n  - principals: [a]\n    roles: [self]\n", "acls.yaml: submit_jobs[0].roles: 'self' names the requester's own agent id");
    }

    private static void assertError(String text, String start) throws Exception {
        Path f = write("acls.yaml", text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Acl.load(f));
        assertTrue(e.getMessage().startsWith(f.getParent() + "/" + start), e.getMessage());
    }

    static Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }
}
