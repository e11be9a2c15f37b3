package org.mesocosm.runtime.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mesocosm.runtime.cron.ConcurrencyPolicy;
import org.mesocosm.runtime.cron.CronExpression;
import org.mesocosm.runtime.cron.CronSchedule;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.TaskSpec;

/**
 * Reads a job spec (JSON or YAML; see {@code docs/job-spec.md}) into a {@link JobSpec}. The
 * whole document is checked before anything is built, and the first problem is reported as a
 * {@link SpecError} naming the field: a spec is either accepted whole or rejected whole.
 */
public final class JobSpecReader {
    /** Stand-in id of a spec that gave none; the master replaces it before the job is submitted. */
    public static final String UNASSIGNED_ID = "unassigned";
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    static final String NAME_RULE = "1-63 letters, digits, '-' or '_', starting with a letter or digit";
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final String ENV_RULE = "letters, digits and '_', not starting with a digit";
    private static final Set<String> JOB_FIELDS = ordered("id", "role", "kind", "priority", "max_retries", "schedule", "timezone",
            "concurrency_policy", "tasks", "user", "framework");
    /** POSIX-style user names (useradd's default rule, upper case allowed). */
    static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");
    private static final int MAX_TASK_GROUPS = 1000;
    /** The most instances one task group may have, in a spec or after scaling. */
    public static final int MAX_INSTANCES = 100_000;

    public enum Format { JSON, YAML }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private JobSpecReader() {}

    /** JSON if the text starts with '{' (after blanks), otherwise YAML. */
    public static Format sniff(String text) {
        return text.stripLeading().startsWith("{") ? Format.JSON : Format.YAML;
    }

    public static ParsedJob read(String text) {
        return read(text, sniff(text));
    }

    public static ParsedJob read(String text, Format format) {
        if (text == null || text.isBlank()) throw new SpecError("", "empty document");
        JsonNode root;
        try {
            root = (format == Format.JSON ? JSON : YAML).readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
            throw new SpecError("", "not valid " + format + ": " + where + parserMessage(e.getOriginalMessage()));
        }
        return read(root);
    }

    private static final java.util.regex.Pattern JACKSON_SOURCE =
            java.util.regex.Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    /**
     * The YAML parser's message spans lines (what it was parsing, an echo of the line with a
     * caret, where): kept as one line without the caret and location lines, which the line and
     * column before it already give. Jackson's "[Source: REDACTED ...; line: 1, column: 26]" is a
     * library internal: it becomes "line 1, column 26".
     */
    public static String parserMessage(String m) {
        if (m == null) return "";
        m = JACKSON_SOURCE.matcher(m).replaceAll("line $1, column $2");
        StringBuilder b = new StringBuilder();
        for (String line : m.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.equals("^") || t.startsWith("in 'reader'")) continue;
            if (b.length() > 0) b.append(' ');
            b.append(t);
        }
        return b.toString();
    }

    /** Reads an already parsed document. */
    public static ParsedJob read(JsonNode root) {
        if (root == null || root.isMissingNode()) throw new SpecError("", "empty document");
        SpecObject o = new SpecObject(root, "", JOB_FIELDS);
        String id = o.name("id", null, NAME, NAME_RULE);
        String role = o.name("role", "default", NAME, NAME_RULE);
        String user = o.name("user", null, USER, "an OS user name: letters, digits, '_', '.' or '-', not starting with a digit, '.' or '-'");
        JobKind kind = kind(o);
        int priority = (int) o.integer("priority", 0, -1_000_000, 1_000_000);
        int maxRetries;
        if (kind == JobKind.SERVICE) {
            o.forbid("max_retries", "services relaunch failed instances forever; max_retries is for batch, pipeline and cron jobs");
            maxRetries = 0;
        } else {
            maxRetries = (int) o.integer("max_retries", 0, 0, 1000);
        }
        CronSchedule cron = kind == JobKind.CRON ? cron(o) : null;
        if (kind != JobKind.CRON) {
            for (String f : List.of("schedule", "timezone", "concurrency_policy")) o.forbid(f, "only cron jobs have a " + f);
        }
        String framework = framework(o);
        List<TaskSpec> tasks = tasks(o, kind);
        o.finish();
        JobSpec spec;
        try {
            spec = new JobSpec(id == null ? UNASSIGNED_ID : id, role, kind, priority, tasks, maxRetries, cron, framework);
        } catch (IllegalArgumentException e) {
            throw new SpecError("", e.getMessage()); // a rule the checks above missed: still no half-made job
        }
        return new ParsedJob(spec, id != null, user);
    }

    private static JobKind kind(SpecObject o) {
        String k = o.requiredString("kind");
        try {
            return JobKind.valueOf(k.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SpecError("kind", "'" + k + "' is not one of service, batch, cron, pipeline");
        }
    }

    /** Optional: the framework of a two-level policy that places the job (see {@link JobSpec#framework()}). */
    private static String framework(SpecObject o) {
        if (o.raw("framework") == null) return null;
        String f = o.string("framework", null);
        if (!JobSpec.FRAMEWORKS.contains(f)) {
            throw new SpecError("framework", "'" + f + "' is not one of " + String.join(", ", JobSpec.FRAMEWORKS));
        }
        return f;
    }

    private static CronSchedule cron(SpecObject o) {
        String expr = o.requiredString("schedule");
        CronExpression e;
        try {
            e = CronExpression.parse(expr);
        } catch (IllegalArgumentException x) {
            throw new SpecError("schedule", x.getMessage());
        }
        String tz = o.string("timezone", "UTC");
        ZoneId zone;
        try {
            zone = ZoneId.of(tz);
        } catch (DateTimeException x) {
            throw new SpecError("timezone", "'" + tz + "' is not a time zone (use a region such as Europe/Paris, or UTC)");
        }
        String p = o.string("concurrency_policy", "allow");
        ConcurrencyPolicy policy;
        try {
            policy = ConcurrencyPolicy.valueOf(p.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException x) {
            throw new SpecError("concurrency_policy", "'" + p + "' is not one of allow, forbid, replace");
        }
        return new CronSchedule(e, zone, policy);
    }

    private static List<TaskSpec> tasks(SpecObject o, JobKind kind) {
        JsonNode arr = o.raw("tasks");
        if (arr == null) throw new SpecError("tasks", "is required: a list of task groups");
        if (!arr.isArray()) throw new SpecError("tasks", "must be a list" + SpecObject.found(arr));
        if (arr.isEmpty()) throw new SpecError("tasks", "must not be empty");
        if (arr.size() > MAX_TASK_GROUPS) throw new SpecError("tasks", "at most " + MAX_TASK_GROUPS + " task groups, got " + arr.size());
        List<TaskSpec> out = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < arr.size(); i++) {
            String path = "tasks[" + i + "]";
            TaskSpec t = TaskSpecReader.read(arr.get(i), path, kind);
            Integer dup = index.put(t.name(), i);
            if (dup != null) throw new SpecError(path + ".name", "'" + t.name() + "' is already the name of tasks[" + dup + "]");
            out.add(t);
        }
        Dag.check(out, index);
        return out;
    }

    private static Set<String> ordered(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    static Set<String> fields(String... names) {
        return ordered(names);
    }
}
