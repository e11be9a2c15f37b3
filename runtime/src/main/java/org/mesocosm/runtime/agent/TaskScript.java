package org.mesocosm.runtime.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.mesocosm.runtime.model.TaskEnv;

/**
 * A task's environment as POSIX shell assignments, for the task's wrapper shell to apply after the
 * switch to the task's user: {@code export NAME='value'}, each value single-quoted (a quote in it
 * written {@code '\''}), so no value is ever parsed as shell code; then the completion mark the
 * wrapper waits for. It travels on the wrapper's stdin, not its command line, where any user could
 * read secrets in {@code ps}.
 */
final class TaskScript {
    static final String COMPLETE = "mesocosm_env=complete\n";

    private TaskScript() {}

    static byte[] assignments(Map<String, String> env) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            // the master checks names against its policy (TaskEnv.refusal); here only what keeps the script well-formed
            if (!TaskEnv.NAME.matcher(name).matches()) throw new IOException("'" + name + "' is not an environment variable name");
            if (e.getValue().indexOf('\0') >= 0) throw new IOException("the value of " + name + " holds a NUL byte");
            b.append("export ").append(name).append("='").append(e.getValue().replace("'", "'\\''")).append("'\n");
        }
        return b.append(COMPLETE).toString().getBytes(StandardCharsets.UTF_8);
    }
}
