package org.mesocosm.sim.torture;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The faults a torture run can inject, each with the name {@code --faults} knows it by. */
public enum FaultKind {
    /** A message between master and agent arrives late (up to half a second). */
    DELAY("delay"),
    /** A message is lost. */
    DROP("drop"),
    /** A message arrives twice. */
    DUPLICATE("dup"),
    /** A message is held back long enough for later ones to overtake it. */
    REORDER("reorder"),
    /** An agent is cut off from the master both ways for a while, then the link heals. */
    PARTITION("partition"),
    /** An agent process dies with its tasks and comes back empty. */
    AGENT_RESTART("agent-restart"),
    /** The master process dies; a new one rebuilds its state from the durable log. */
    MASTER_CRASH("master-crash"),
    /** The master dies in the middle of appending to its log, leaving a torn record. */
    TORN_WRITE("torn-write");

    private final String cliName;

    FaultKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() { return cliName; }

    /** Parses {@code all}, {@code none} or a comma-separated list of names. */
    public static Set<FaultKind> parse(String list) {
        String s = list.trim().toLowerCase(Locale.ROOT);
        if (s.equals("all")) return EnumSet.allOf(FaultKind.class);
        EnumSet<FaultKind> out = EnumSet.noneOf(FaultKind.class);
        if (s.equals("none")) return out;
        for (String part : s.split(",")) {
            String p = part.trim();
            FaultKind k = null;
            for (FaultKind f : values()) if (f.cliName.equals(p)) k = f;
            if (k == null) {
                StringBuilder valid = new StringBuilder("all, none");
                for (FaultKind f : values()) valid.append(", ").append(f.cliName);
                throw new IllegalArgumentException("unknown fault '" + p + "' (valid: " + valid + ")");
            }
            out.add(k);
        }
        return out;
    }
}
