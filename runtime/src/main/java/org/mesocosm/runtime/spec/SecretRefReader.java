package org.mesocosm.runtime.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.model.SecretRef;

/**
 * Reads a task's {@code secrets}: a list of {@code {"name": N, "env": VAR}} or
 * {@code {"name": N, "file": PATH}}. Values are never part of a spec: they are stored on the
 * master with {@code mesocosm secret put}, and the old inline form ({@code {"VAR": "value"}}) is
 * refused with a hint, without repeating what was written (it may be a password).
 */
final class SecretRefReader {
    private static final Set<String> FIELDS = JobSpecReader.fields("name", "env", "file");
    private static final int MAX_SECRETS = 64;

    private SecretRefReader() {}

    static List<SecretRef> read(JsonNode list, String path, Set<String> envNames) {
        List<SecretRef> out = new ArrayList<>();
        if (list == null) return out;
        if (list.isObject()) {
            throw new SpecError(path, "inline secret values are not accepted; store the value with 'mesocosm secret put NAME' and refer to it"
                    + " by name: [{\"name\": NAME, \"env\": VAR}] or [{\"name\": NAME, \"file\": PATH}]");
        }
        if (!list.isArray()) throw new SpecError(path, "must be a list of {name, env} or {name, file}" + SpecObject.found(list));
        if (list.size() > MAX_SECRETS) throw new SpecError(path, "at most " + MAX_SECRETS + " secrets per task, got " + list.size());
        Map<String, Integer> targets = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String p = path + "[" + i + "]";
            SpecObject o = new SpecObject(list.get(i), p, FIELDS);
            String name = o.requiredString("name");
            String env = o.string("env", null);
            String file = o.string("file", null);
            o.finish();
            String problem = SecretRef.problem(name, env, file);
            if (problem != null) {
                int colon = problem.indexOf(": ");
                boolean named = colon > 0 && FIELDS.contains(problem.substring(0, colon));
                throw new SpecError(named ? p + "." + problem.substring(0, colon) : p, named ? problem.substring(colon + 2) : problem);
            }
            if (env != null && envNames.contains(env)) throw new SpecError(p + ".env", "'" + env + "' is also set in the task's env");
            String target = env != null ? "env " + env : "file " + file;
            Integer dup = targets.put(target, i);
            if (dup != null) throw new SpecError(p, target + " is already given by " + path + "[" + dup + "]");
            out.add(new SecretRef(name, env, file));
        }
        return out;
    }
}
