package org.mesocosm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true, header = "Print a task's output, fetched through the master from its agent.",
        description = {"JOB alone means the job's newest task attempt that was placed on an agent; JOB.NAME, JOB.NAME.I or the full "
                + "attempt id JOB.NAME.I.A name one task group, instance or attempt (newest attempt first).",
                "Viewing a task's output needs the same right as viewing its job (view_jobs for the job's role)."})
final class LogsCommand implements Callable<Integer> {
    /** Bytes asked for per request; --follow polls from where the last answer ended. */
    static final int CHUNK = 256 * 1024;
    private static final java.util.regex.Pattern JOB_ID = java.util.regex.Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]*:)?[A-Za-z0-9][A-Za-z0-9_-]*"); // [ROLE:]ID

    @Mixin
    ClientOptions client;

    @Parameters(paramLabel = "JOB[.TASK]", description = "The job's id, optionally followed by '.' and a task name, instance and attempt.")
    String target;

    @Option(names = "--stderr", description = "Print the task's stderr instead of its stdout.")
    boolean stderr;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the task ends (poll every --interval).")
    boolean follow;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000", description = "With --follow, milliseconds between polls (default: ${DEFAULT-VALUE}).")
    long intervalMillis;

    /** Where the output goes; tests replace it. */
    OutputStream out = System.out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        int dot = target.indexOf('.');
        String job = dot < 0 ? target : target.substring(0, dot);
        String task = dot < 0 ? "" : target.substring(dot + 1);
        // job ids are names (letters, digits, '-', '_'): anything else is a typo or an attempt at a path, refused before asking
        if (!JOB_ID.matcher(job).matches()) {
            throw new Mesocosm.UserError("JOB[.TASK] must start with a job id, ID or ROLE:ID (letters, digits, '-', '_'), not '" + target + "'");
        }
        String stream = stderr ? "stderr" : "stdout";
        long offset = 0;
        while (true) {
            JsonNode r;
            try {
                r = client.api().get("api/v1/jobs/" + MasterApi.seg(job) + "/logs?task=" + MasterApi.seg(task) + "&stream=" + stream
                        + "&offset=" + offset + "&limit=" + CHUNK);
            } catch (MasterApi.Refused e) {
                if (e.status == 503 || e.status == 504) throw new Mesocosm.UserError(e.getMessage(), ExitCodes.UNREACHABLE);
                throw e.asUserError("");
            }
            byte[] data = Base64.getDecoder().decode(r.path("data").asText(""));
            out.write(data);
            out.flush();
            offset = r.path("next_offset").asLong(offset + data.length);
            if (data.length > 0 && offset < r.path("size").asLong()) continue; // more is there already
            if (!follow || ended(r.path("state").asText())) return 0;
            Thread.sleep(intervalMillis);
        }
    }

    /** A task whose state is terminal writes no more output: --follow stops once it has read to the end. */
    private static boolean ended(String state) {
        return switch (state) {
            case "FINISHED", "FAILED", "KILLED", "LOST", "DISCONTINUED" -> true;
            default -> false;
        };
    }
}
