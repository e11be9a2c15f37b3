package org.mesocosm.runtime.model;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which environment variable names a job may give its tasks (in {@code env} or as the target of a
 * secret). The agent applies a job's variables only inside the task's own process, after it has
 * switched to the task's user, so none of them reaches a privileged program. The names refused
 * here are refused anyway, as a second wall and so that a spec says plainly what it cannot do:
 * they are the ones the C library, the dynamic loader or a shell act on before or beside the
 * program that was asked for, the same list glibc drops for setuid programs ({@code unsecvars.h}),
 * plus the shells' start-up variables. Names a program only reads for itself ({@code PATH},
 * {@code TMPDIR}, {@code PYTHONPATH}, {@code JAVA_TOOL_OPTIONS}...) are allowed: they act only in
 * the task's own processes, which run as its user and may do what that user may.
 */
public final class TaskEnv {
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    public static final String NAME_RULE = "letters, digits and '_', not starting with a digit";
    /** The dynamic loader's variables ({@code LD_PRELOAD}, {@code LD_LIBRARY_PATH}, {@code LD_AUDIT}...) and glibc malloc's. */
    private static final List<String> REFUSED_PREFIXES = List.of("LD_", "MALLOC_");
    private static final Set<String> REFUSED = Set.of(
            "GLIBC_TUNABLES", // tunables parsed by the loader itself (CVE-2023-4911)
            "GCONV_PATH", "GETCONF_DIR", "LOCPATH", "NLSPATH", "TZDIR", // where glibc loads code (iconv modules) or data it parses
            "HOSTALIASES", "LOCALDOMAIN", "RES_OPTIONS", "RESOLV_HOST_CONF", "NIS_PATH", // name resolution
            "BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "PS4", "IFS", "CDPATH"); // files a shell runs at start-up, and how it parses
    /**
     * Set by the agent for every task; a job's own MESOCOSM_ variables (the load generator's, say) are its business.
     * The GPU pair is derived from the spec's gpus/gpu_milli fields: a job that set them itself would get a
     * device share the master never charged it for.
     */
    private static final Set<String> AGENT_SET = Set.of("MESOCOSM_TASK_ID", "MESOCOSM_JOB_ID", "MESOCOSM_INSTANCE", "MESOCOSM_AGENT_ID",
            "MESOCOSM_SANDBOX", "MESOCOSM_GPU_MILLI", "CUDA_VISIBLE_DEVICES");

    private TaskEnv() {}

    /** Why a job may not set this variable, or null if it may. */
    public static String refusal(String name) {
        if (!NAME.matcher(name).matches()) return "invalid name: " + NAME_RULE;
        if (AGENT_SET.contains(name)) return name + " is set by the agent";
        for (String p : REFUSED_PREFIXES) {
            if (name.startsWith(p)) return "refused: the dynamic loader and the C library act on " + p + "* variables (see docs/security.md)";
        }
        if (REFUSED.contains(name)) return "refused: the C library or the shell act on " + name + " beside the task's program (see docs/security.md)";
        return null;
    }
}
