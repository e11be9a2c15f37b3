package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.mesocosm.runtime.log.InputCodec;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.secrets.EncryptedSecretStore;

/**
 * What live mode keeps about jobs beside the master core, which neither knows nor logs it: the OS
 * user each job's tasks run as ({@link JobUsers}) and the named secrets they use
 * ({@link SecretUse}). Both go into the launch command an agent gets. Event loop only.
 */
final class JobExtras {
    private final EncryptedSecretStore secrets;
    private final JobUsers users;

    /** @param stateDir where {@code users.json} is kept; null to keep the users in memory only */
    JobExtras(EncryptedSecretStore secrets, Path stateDir) {
        this.secrets = secrets;
        this.users = new JobUsers(stateDir == null ? null : stateDir.resolve("users.json"));
    }

    EncryptedSecretStore secrets() {
        return secrets;
    }

    /** Before a job gets an id: a 400 naming the first secret it refers to that the store lacks. */
    void checkSecrets(JobSpec job) {
        SecretUse.requireKnown(job, secrets);
    }

    /** Remembers whom a job about to be fed runs as (in memory: its launches need it); null: the agent's own user. */
    void submitting(String jobId, String user) {
        users.put(jobId, user);
    }

    /** The job's input is in the log: its user may now be written down. */
    void submitted() {
        users.save();
    }

    /** The job's input could not be logged: forget its user. */
    void notSubmitted(String jobId) {
        users.forget(jobId);
    }

    /** After recovery: drop users of jobs the log does not hold (written before a crash took their input). */
    void retainUsersOf(java.util.function.Predicate<String> knownJob) {
        users.retainOnly(knownJob);
    }

    /** The command an agent launches a task with: its job's user, and the values of the task's own secrets only. */
    ObjectNode launchCommand(Command.Launch l, TaskSpec task) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", "launch").put("task_id", l.taskId()).put("job_id", l.jobId())
                .put("instance", l.instance()).put("command", l.command());
        String user = users.get(l.jobId());
        if (user != null) o.put("user", user);
        o.set("resources", InputCodec.resources(l.resources()));
        if (!l.gpuDevices().isEmpty()) { // the master chose the devices; the agent only checks they are free
            o.put("gpu_devices", l.gpuDevices()).put("gpu_milli", l.gpuMilli());
        }
        ObjectNode env = o.putObject("env");
        l.env().forEach(env::put);
        o.set("secrets", SecretUse.launchPayload(task, secrets));
        return o;
    }
}
