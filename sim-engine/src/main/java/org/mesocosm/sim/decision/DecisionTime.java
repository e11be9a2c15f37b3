package org.mesocosm.sim.decision;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.mesocosm.runtime.policy.Durations;

/**
 * How the time a scheduler spends deciding is charged to the virtual clock (DESIGN.md §1), as
 * typed after {@code --decision-time}:
 * <ul>
 * <li>{@code zero}: decisions take no simulated time (every run before issue 17);</li>
 * <li>{@code model:job=100ms,task=5ms[,per=scheduler][,max-attempts=1000]}: an attempt costs t_job
 *     per job it considers plus t_task per task (the Omega paper's t_decision);</li>
 * <li>{@code measured[:scale=1.0][,max-attempts=1000]}: the thread CPU time of the policy's own code,
 *     times scale; the only mode whose digest is not reproducible.</li>
 * </ul>
 * {@code per=scheduler} (the only value today) says each scheduler has its own busy clock and queue;
 * architectures with several schedulers (mesos, omega) charge each in parallel.
 *
 * @param maxAttempts attempts after which a job that is still not fully placed is abandoned
 *                    (killed), as in the Omega simulator; never under {@code zero}, so that old
 *                    runs keep their digests
 */
public record DecisionTime(Mode mode, long jobMicros, long taskMicros, double scale, int maxAttempts) {

    public enum Mode { ZERO, MODEL, MEASURED }

    public static final int DEFAULT_MAX_ATTEMPTS = 1000;
    public static final DecisionTime ZERO = new DecisionTime(Mode.ZERO, 0, 0, 0, DEFAULT_MAX_ATTEMPTS);
    private static final String SYNTAX = "zero | model:job=100ms,task=5ms[,per=scheduler][,max-attempts=N] | measured[:scale=1.0][,max-attempts=N]";

    public DecisionTime {
        if (jobMicros < 0 || taskMicros < 0) throw new IllegalArgumentException("decision times must be >= 0");
        if (mode == Mode.MEASURED && !(scale > 0 && Double.isFinite(scale))) throw new IllegalArgumentException("scale must be > 0, got " + scale);
        if (maxAttempts < 1) throw new IllegalArgumentException("max-attempts must be >= 1, got " + maxAttempts);
    }

    public static DecisionTime model(long jobMicros, long taskMicros) {
        return new DecisionTime(Mode.MODEL, jobMicros, taskMicros, 0, DEFAULT_MAX_ATTEMPTS);
    }

    public static DecisionTime measured(double scale) {
        return new DecisionTime(Mode.MEASURED, 0, 0, scale, DEFAULT_MAX_ATTEMPTS);
    }

    /** Parses the option's value; the message of the exception names the part at fault and the syntax. */
    public static DecisionTime parse(String text) {
        String s = text == null ? "" : text.trim();
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon);
        Map<String, String> kv = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String part : s.substring(colon + 1).split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("'" + part + "' is not key=value (expected " + SYNTAX + ")");
                if (kv.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException("'" + part.substring(0, eq).trim() + "' given twice");
                }
            }
        }
        int maxAttempts = kv.containsKey("max-attempts") ? integer(kv.remove("max-attempts"), "max-attempts") : DEFAULT_MAX_ATTEMPTS;
        switch (name) {
            case "zero" -> {
                if (!kv.isEmpty() || maxAttempts != DEFAULT_MAX_ATTEMPTS) throw new IllegalArgumentException("zero takes no parameters");
                return ZERO;
            }
            case "model" -> {
                long job = micros(kv.remove("job"), "job", 100_000);
                long task = micros(kv.remove("task"), "task", 5_000);
                String per = kv.remove("per");
                if (per != null && !per.equals("scheduler")) {
                    throw new IllegalArgumentException("per=" + per + ": only per=scheduler (each scheduler its own busy clock) is known");
                }
                rejectRest(kv, "model", "job, task, per, max-attempts");
                return new DecisionTime(Mode.MODEL, job, task, 0, maxAttempts);
            }
            case "measured" -> {
                String sc = kv.remove("scale");
                double scale;
                try {
                    scale = sc == null ? 1.0 : Double.parseDouble(sc);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("scale=" + sc + " is not a number");
                }
                rejectRest(kv, "measured", "scale, max-attempts");
                return new DecisionTime(Mode.MEASURED, 0, 0, scale, maxAttempts);
            }
            default -> throw new IllegalArgumentException("unknown mode '" + name + "' (expected " + SYNTAX + ")");
        }
    }

    private static void rejectRest(Map<String, String> kv, String mode, String valid) {
        if (!kv.isEmpty()) {
            throw new IllegalArgumentException(mode + ": unknown parameter '" + kv.keySet().iterator().next() + "' (valid: " + valid + ")");
        }
    }

    private static long micros(String v, String key, long dflt) {
        if (v == null) return dflt;
        try {
            return Durations.parseMicros(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "=" + v + ": " + e.getMessage());
        }
    }

    private static int integer(String v, String key) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not an integer");
        }
    }

    /** True unless decisions are timed by this machine's CPU. */
    public boolean reproducible() { return mode != Mode.MEASURED; }

    /** What summary.json's {@code decision_time} says: the mode's name. */
    public String modeName() { return mode.name().toLowerCase(Locale.ROOT); }

    /** The full setting, as it could be typed again. */
    public String spec() {
        return switch (mode) {
            case ZERO -> "zero";
            case MODEL -> "model:job=" + duration(jobMicros) + ",task=" + duration(taskMicros) + ",per=scheduler,max-attempts="
                    + maxAttempts;
            case MEASURED -> "measured:scale=" + scale + ",max-attempts=" + maxAttempts;
        };
    }

    private static String duration(long micros) {
        if (micros % 1_000_000 == 0) return micros / 1_000_000 + "s";
        if (micros % 1_000 == 0) return micros / 1_000 + "ms";
        return micros + "us";
    }
}
