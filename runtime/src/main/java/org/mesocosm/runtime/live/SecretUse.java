package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.SecretRef;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.secrets.EncryptedSecretStore;

/**
 * How jobs use the master's named secrets: a job may only name secrets that exist, a secret an
 * active job uses may not be deleted, and a launch command carries the values of its own task's
 * secrets and of no other. Event loop only.
 */
final class SecretUse {
    private SecretUse() {}

    /** A 400 naming the first reference to a secret the store does not hold; nothing is submitted then. */
    static void requireKnown(JobSpec job, EncryptedSecretStore store) {
        for (int i = 0; i < job.tasks().size(); i++) {
            List<SecretRef> refs = job.tasks().get(i).secrets();
            for (int k = 0; k < refs.size(); k++) {
                String name = refs.get(k).name();
                if (!store.contains(name)) {
                    String field = "tasks[" + i + "].secrets[" + k + "].name";
                    throw new ApiError(400, field, field + ": no secret named '" + name + "' (store it first: mesocosm secret put " + name + ")");
                }
            }
        }
    }

    /** Ids of jobs (and cron runs) not yet ended whose tasks use the secret. */
    static List<String> activeUsers(String name, LiveState state) {
        List<String> out = new ArrayList<>();
        for (LiveState.JobRecord j : state.jobs()) {
            if (j.endedAt >= 0) continue;
            if (j.spec.tasks().stream().anyMatch(t -> t.secrets().stream().anyMatch(r -> r.name().equals(name)))) out.add(j.spec.id());
        }
        return out;
    }

    /**
     * The {@code secrets} of a launch command: each of the task's references with its value in
     * base64, or {@code "missing": true} if the store no longer has it (the agent then fails the task
     * instead of starting it without).
     */
    static ArrayNode launchPayload(TaskSpec task, EncryptedSecretStore store) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        if (task == null) return arr;
        for (SecretRef r : task.secrets()) {
            ObjectNode o = arr.addObject().put("name", r.name());
            if (r.env() != null) o.put("env", r.env());
            else o.put("file", r.file());
            byte[] value = store.value(r.name());
            if (value == null) {
                o.put("missing", true);
            } else {
                o.put("value_b64", Base64.getEncoder().encodeToString(value));
                Arrays.fill(value, (byte) 0);
            }
        }
        return arr;
    }
}
