package org.mesocosm.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SecretRef;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.secrets.EncryptedSecretStore;
import org.mesocosm.runtime.secrets.MasterKey;

/** The launch command an agent gets: its job's user and its own task's secrets, nothing else. */
class JobExtrasTest {
    @TempDir
    Path dir;

    private final EncryptedSecretStore store = EncryptedSecretStore.inMemory(MasterKey.ephemeral(), Clock.systemUTC());

    private static TaskSpec task(SecretRef... refs) {
        return TaskSpec.simulated("web", 1, new Resources(100, 64, 0, 0), null).withSecrets(List.of(refs));
    }

    private static Command.Launch launch(String jobId) {
        return new Command.Launch("agent-1", jobId + ".web.0", jobId, new Resources(100, 64, 0, 0), 0, null, "run.sh", Map.of("A", "1"));
    }

    @Test
    void aLaunchCarriesTheJobsUserAndOnlyItsOwnTasksSecrets() {
        store.put("db-password", "hunter2".getBytes(StandardCharsets.UTF_8));
        store.put("other", "not-yours".getBytes(StandardCharsets.UTF_8));
        JobExtras extras = new JobExtras(store, dir);
        extras.submitting("tick", "svc");
        extras.submitted(); // its input is in the log: users.json is written

        ObjectNode o = extras.launchCommand(launch("tick@4"), task(SecretRef.env("db-password", "DB_PASSWORD"), SecretRef.file("gone", "x")));
        assertEquals("launch", o.get("type").asText());
        assertEquals("svc", o.get("user").asText(), "a cron run runs as its cron job's user");
        assertEquals("1", o.get("env").get("A").asText());
        JsonNode secrets = o.get("secrets");
        assertEquals(2, secrets.size());
        assertEquals("hunter2", new String(Base64.getDecoder().decode(secrets.get(0).get("value_b64").asText()), StandardCharsets.UTF_8));
        assertTrue(secrets.get(1).get("missing").asBoolean(), "a secret deleted since: the agent fails the task");
        assertFalse(o.toString().contains(Base64.getEncoder().encodeToString("not-yours".getBytes(StandardCharsets.UTF_8))));

        assertFalse(extras.launchCommand(launch("plain"), task()).has("user"), "no user: the agent's own");
        assertTrue(Files.exists(dir.resolve("users.json")), "users outlive the process, beside the input log");
    }

    @Test
    void aJobNamingAnUnknownSecretIsRefusedWithTheField() {
        JobExtras extras = new JobExtras(store, null);
        JobSpec job = new JobSpec("j", "default", JobKind.BATCH, 0, List.of(task(SecretRef.env("nope", "X"))), 0);
        ApiError e = assertThrows(ApiError.class, () -> extras.checkSecrets(job));
        assertEquals(400, e.status());
        assertEquals("tasks[0].secrets[0].name", e.field());
    }
}
