package org.mesocosm.runtime.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.master.AgentIdentity;

/**
 * Who may do what, read from an ACL file in the spirit of Mesos ACLs. For each action a list of
 * rules; each rule names principals (a list or {@code ANY}) and, for actions that have objects,
 * the objects (a list, {@code ANY} or {@code NONE}).
 *
 * <p>As in Mesos, rules are tried in order and the first that applies decides: a rule applies to
 * a request when its principals include the requester and its objects include the object, and
 * then allows it; a rule whose objects are {@code NONE} applies to every object of its
 * principals and denies. When no rule applies, {@code permissive} decides (default: deny).
 *
 * <pre>
 * permissive: false
 * submit_jobs:
 *   - principals: [alice]
 *     roles: [analytics]
 * run_tasks:
 *   - principals: [alice]
 *     users: [nobody]
 * view_cluster:
 *   - principals: ANY
 * register_agents:
 *   - principals: [agent-1, agent-2]
 *     agents: [self]
 * </pre>
 *
 * <p>{@code self} in the {@code agents} of {@code register_agents} is the agent id equal to the
 * requesting principal: each agent's credential (token or client certificate CN) then registers,
 * heartbeats and reports for its own id only, as Kubernetes' NodeRestriction binds a kubelet to its node.
 */
public final class Acl {
    private static final String ANY = "ANY";
    private static final String NONE = "NONE";
    /** In an agents list: the agent id that equals the requesting principal. */
    public static final String SELF = "self";

    /** One rule. {@code principals}/{@code objects} null means ANY; {@code deny} means objects NONE. */
    record Rule(Set<String> principals, Set<String> objects, boolean deny) {
        boolean appliesTo(String principal) {
            return principals == null || principals.contains(principal);
        }

        boolean covers(String principal, String object) {
            return deny || objects == null || objects.contains(object) || (objects.contains(SELF) && AgentIdentity.speaksFor(principal, object));
        }
    }

    private final boolean permissive;
    private final Map<Action, List<Rule>> rules;

    private Acl(boolean permissive, Map<Action, List<Rule>> rules) {
        this.permissive = permissive;
        this.rules = rules;
    }

    /** No ACL file: every authenticated principal may do everything. */
    public static Acl allowAll() { return new Acl(true, new EnumMap<>(Action.class)); }

    public boolean permissive() { return permissive; }

    /** Whether {@code principal} may do {@code action} on {@code object} (ignored for actions without objects). */
    public boolean allows(String principal, Action action, String object) {
        for (Rule r : rules.getOrDefault(action, List.of())) {
            if (!r.appliesTo(principal)) continue;
            if (action.objects() == null) return !r.deny;
            if (r.covers(principal, object)) return !r.deny;
        }
        return permissive;
    }

    public static Acl load(Path file) {
        JsonNode root = SecurityFile.read(file);
        Set<String> keys = new HashSet<>();
        keys.add("permissive");
        for (Action a : Action.values()) keys.add(a.key());
        SecurityFile.onlyKeys(file, root, "", keys);
        JsonNode p = root.path("permissive");
        if (!p.isMissingNode() && !p.isBoolean()) throw SecurityFile.error(file, "permissive", "true or false");
        Map<Action, List<Rule>> rules = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            JsonNode list = root.path(a.key());
            if (list.isMissingNode()) continue;
            if (!list.isArray()) throw SecurityFile.error(file, a.key(), "must be a list of rules");
            List<Rule> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) out.add(rule(file, a, list.get(i), a.key() + "[" + i + "]"));
            rules.put(a, List.copyOf(out));
        }
        return new Acl(p.asBoolean(false), rules);
    }

    private static Rule rule(Path file, Action a, JsonNode r, String at) {
        if (!r.isObject()) throw SecurityFile.error(file, at, "must be an object with principals" + (a.objects() == null ? "" : " and " + a.objects()));
        Set<String> allowed = a.objects() == null ? Set.of("principals") : Set.of("principals", a.objects());
        SecurityFile.onlyKeys(file, r, at + ".", allowed);
        if (!r.has("principals")) throw SecurityFile.error(file, at + ".principals", "required: a list of principals or ANY");
        Set<String> principals = names(file, r.get("principals"), at + ".principals", false);
        if (a.objects() == null) return new Rule(principals, null, false);
        if (!r.has(a.objects())) throw SecurityFile.error(file, at + "." + a.objects(), "required: a list, ANY or NONE");
        JsonNode o = r.get(a.objects());
        if (o.isTextual() && o.asText().equals(NONE)) return new Rule(principals, Set.of(), true);
        Set<String> objects = names(file, o, at + "." + a.objects(), true);
        if (objects != null && objects.contains(SELF) && a != Action.REGISTER_AGENTS) {
            throw SecurityFile.error(file, at + "." + a.objects(), "'" + SELF + "' names the requester's own agent id: only register_agents takes it");
        }
        return new Rule(principals, objects, false);
    }

    /** A list of names, or null for ANY. */
    private static Set<String> names(Path file, JsonNode n, String at, boolean noneAllowed) {
        if (n.isTextual() && n.asText().equals(ANY)) return null;
        String choices = noneAllowed ? "a list of names, ANY or NONE" : "a list of names or ANY";
        if (!n.isArray() || n.isEmpty()) throw SecurityFile.error(file, at, choices + " required");
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode x = n.get(i);
            if (!x.isTextual() || x.asText().isBlank()) throw SecurityFile.error(file, at + "[" + i + "]", "must be a name");
            out.add(x.asText());
        }
        return Set.copyOf(out);
    }
}
