package org.mesocosm.runtime.model;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A task's use of a named secret (live mode): the master's secret store holds the value under
 * {@code name}; the agent that runs the task hands it to the process either as the environment
 * variable {@code env} or as the file {@code file} (relative to the task's sandbox). Exactly one
 * of the two is set. Only names travel with a job (into the input log and API answers), never values.
 */
public record SecretRef(String name, String env, String file) {
    /** Names of secrets, in the job spec and in {@code /api/v1/secrets/NAME}. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    public static final String NAME_RULE = "1-63 letters, digits, '.', '-' or '_', starting with a letter or digit";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    /** Files the agent keeps in every sandbox; a secret must not take their place. */
    public static final Set<String> RESERVED_FILES = Set.of("stdout", "stderr", "task.json", "exit_code");
    private static final int MAX_FILE_CHARS = 255;

    public SecretRef {
        String problem = problem(name, env, file);
        if (problem != null) throw new IllegalArgumentException("secret " + (name == null ? "" : "'" + name + "' ") + problem);
    }

    public static SecretRef env(String name, String variable) { return new SecretRef(name, variable, null); }

    public static SecretRef file(String name, String path) { return new SecretRef(name, null, path); }

    /** What is wrong with these fields, or null if nothing (the spec reader reports it with the field's path). */
    public static String problem(String name, String env, String file) {
        if (name == null || !NAME.matcher(name).matches()) return "name: " + NAME_RULE;
        if ((env == null) == (file == null)) return "needs exactly one of env or file";
        if (env != null && env.startsWith("MESOCOSM_")) return "env: MESOCOSM_ variables are set by the agent";
        if (env != null && TaskEnv.refusal(env) != null) return "env: " + TaskEnv.refusal(env);
        if (file != null) return fileProblem(file);
        return null;
    }

    private static String fileProblem(String file) {
        String rule = "file: a relative path inside the sandbox (segments of letters, digits, '.', '-', '_'; no '..'), e.g. secrets/key.pem";
        if (file.isEmpty() || file.length() > MAX_FILE_CHARS || file.startsWith("/") || file.endsWith("/")) return rule;
        for (String seg : file.split("/", -1)) {
            if (!SEGMENT.matcher(seg).matches() || seg.equals("..")) return rule;
        }
        if (RESERVED_FILES.contains(file)) return "file: '" + file + "' is a file the agent keeps in the sandbox";
        return null;
    }
}
