package org.mesocosm.traces.google2019;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.mesocosm.traces.ReadStats;
import org.mesocosm.traces.TaskTraits;
import org.mesocosm.traces.io.RowException;

/**
 * Maps the 2019 instance_events {@code constraint} field (a list of machine constraints, each a
 * machine attribute name, a value and a relation) to Marathon-style constraints. Only the two
 * relations a Marathon constraint can say are replayed: EQUAL as {@code NAME:CLUSTER:VALUE} and
 * NOT_EQUAL as {@code NAME:UNLIKE:<the value, quoted as a regex>}. The ordering relations
 * (LESS_THAN, GREATER_THAN and their _EQUAL forms) and PRESENT / NOT_PRESENT have no Marathon
 * operator: they are counted in the notes and dropped, so the replayed task is less constrained
 * than the traced one. The relation is accepted as its enum number (0-7) or name, since BigQuery
 * exports write either.
 */
final class Google2019Constraints {
    static final String[] RELATIONS = {"EQUAL", "NOT_EQUAL", "LESS_THAN", "GREATER_THAN", "LESS_THAN_EQUAL",
        "GREATER_THAN_EQUAL", "PRESENT", "NOT_PRESENT"};

    private Google2019Constraints() {}

    /**
     * The traits of one row; {@code stats} gets a note per constraint that is not replayed (null
     * to only check the row). A constraint without a name or with an unknown relation is a bad row.
     */
    static TaskTraits map(List<String[]> constraints, ReadStats stats) throws RowException {
        if (constraints.isEmpty()) return TaskTraits.NONE;
        List<String> out = new ArrayList<>(constraints.size());
        for (String[] c : constraints) {
            String name = c[0];
            if (name == null || name.isBlank()) throw new RowException("constraint.name", "missing", "");
            int rel = relation(c[2]);
            String value = c[1] == null ? "" : c[1];
            if (name.contains(":")) {
                // FIELD:OPERATOR:VALUE cannot hold a ':' in FIELD
                if (stats != null) stats.note("constraint on an attribute name with ':' not replayed");
                continue;
            }
            switch (rel) {
                case 0 -> {
                    if (value.isEmpty()) {
                        // NAME:CLUSTER without a value means "wherever the first instance went": not the same thing
                        if (stats != null) stats.note("constraint EQUAL with an empty value not replayed");
                    } else {
                        out.add(name + ":CLUSTER:" + value);
                    }
                }
                case 1 -> out.add(name + ":UNLIKE:" + Pattern.quote(value));
                default -> {
                    if (stats != null) stats.note("constraint relation " + RELATIONS[rel] + " not replayed (no Marathon operator)");
                }
            }
        }
        return out.isEmpty() ? TaskTraits.NONE : new TaskTraits(out, null);
    }

    private static int relation(String r) throws RowException {
        if (r == null) throw new RowException("constraint.relation", "missing", "");
        String t = r.trim().toUpperCase(Locale.ROOT);
        for (int i = 0; i < RELATIONS.length; i++) if (RELATIONS[i].equals(t)) return i;
        try {
            int n = Integer.parseInt(t);
            if (n >= 0 && n < RELATIONS.length) return n;
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new RowException("constraint.relation", "not a relation (0-7 or EQUAL, NOT_EQUAL, ...)", "'" + r + "'");
    }
}
