package org.mesocosm.runtime.model.constraints;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A taint on an agent: pods that do not tolerate it are repelled (Kubernetes semantics).
 *
 * <p>Taints travel as one agent attribute, {@value #ATTRIBUTE}, so that agents, node groups,
 * machine events and the event-log digest carry them without a new field: the value is a
 * {@code ;}-separated list of {@code key[=value]:Effect}, e.g.
 * {@code gpu=true:NoSchedule;spot:PreferNoSchedule}.
 *
 * @param key taint key, not blank
 * @param value taint value, "" for none
 * @param effect what it does to pods that do not tolerate it
 */
public record Taint(String key, String value, Effect effect) {

    /** The agent attribute that holds an agent's taints. */
    public static final String ATTRIBUTE = "taints";

    public enum Effect {
        /** Untolerating pods are never placed on the agent. */
        NO_SCHEDULE("NoSchedule"),
        /** The scheduler avoids the agent for untolerating pods, but may use it. */
        PREFER_NO_SCHEDULE("PreferNoSchedule"),
        /** Like NoSchedule for placement (eviction of running pods is not modelled). */
        NO_EXECUTE("NoExecute");

        private final String text;

        Effect(String text) {
            this.text = text;
        }

        public String text() { return text; }

        public static Effect parse(String s) {
            for (Effect e : values()) if (e.text.equals(s)) return e;
            throw new IllegalArgumentException("unknown taint effect '" + s + "' (valid: NoSchedule, PreferNoSchedule, NoExecute)");
        }
    }

    public Taint {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("taint key must not be blank");
        if (effect == null) throw new IllegalArgumentException("taint '" + key + "': effect missing");
        value = value == null ? "" : value;
        if (key.contains(";") || key.contains(":") || key.contains("=") || value.contains(";") || value.contains(":")) {
            throw new IllegalArgumentException("taint '" + key + "': key and value must not contain ';', ':' or '='");
        }
    }

    /** True for effects that forbid placement (NoSchedule, NoExecute). */
    public boolean isHard() {
        return effect != Effect.PREFER_NO_SCHEDULE;
    }

    /** The taints an agent's attributes declare; empty if none. */
    public static List<Taint> of(Map<String, String> attributes) {
        String v = attributes.get(ATTRIBUTE);
        return v == null ? List.of() : parseList(v);
    }

    /** Parses {@code key[=value]:Effect;...}. */
    public static List<Taint> parseList(String s) {
        List<Taint> out = new ArrayList<>();
        for (String part : s.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int colon = p.lastIndexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("taint '" + p + "' is not key[=value]:Effect");
            String kv = p.substring(0, colon);
            Effect effect = Effect.parse(p.substring(colon + 1));
            int eq = kv.indexOf('=');
            out.add(eq < 0 ? new Taint(kv, "", effect) : new Taint(kv.substring(0, eq), kv.substring(eq + 1), effect));
        }
        return List.copyOf(out);
    }

    /** The attribute value for a list of taints (inverse of {@link #parseList}). */
    public static String format(List<Taint> taints) {
        StringBuilder b = new StringBuilder();
        for (Taint t : taints) {
            if (b.length() > 0) b.append(';');
            b.append(t.key);
            if (!t.value.isEmpty()) b.append('=').append(t.value);
            b.append(':').append(t.effect.text);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return key + (value.isEmpty() ? "" : "=" + value) + ":" + effect.text;
    }
}
