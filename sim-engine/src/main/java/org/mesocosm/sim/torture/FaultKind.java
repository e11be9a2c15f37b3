package org.mesocosm.sim.torture;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The faults a torture run can inject, each with the name {@code --faults} knows it by. Some apply only to the single
 * master (its local log), some only to {@code --ha} (three masters replicating their input log), the rest to both.
 */
public enum FaultKind {
    /** A message between master and agent arrives late (up to half a second). */
    DELAY("delay", Mode.BOTH),
    /** A message is lost. */
    DROP("drop", Mode.BOTH),
    /** A message arrives twice. */
    DUPLICATE("dup", Mode.BOTH),
    /** A message is held back long enough for later ones to overtake it. */
    REORDER("reorder", Mode.BOTH),
    /** An agent is cut off from the master both ways for a while, then the link heals. */
    PARTITION("partition", Mode.BOTH),
    /** An agent process dies with its tasks and comes back empty. */
    AGENT_RESTART("agent-restart", Mode.BOTH),
    /** The master process dies; a new one rebuilds its state from the durable log. */
    MASTER_CRASH("master-crash", Mode.SINGLE),
    /** The master dies in the middle of appending to its log, leaving a torn record. */
    TORN_WRITE("torn-write", Mode.SINGLE),
    /** With --ha: the master that leads dies; it restarts from its durable replicated log a few seconds later. */
    LEADER_CRASH("leader-crash", Mode.HA),
    /** With --ha: a master that does not lead dies, and restarts later. */
    FOLLOWER_CRASH("follower-crash", Mode.HA),
    /** With --ha: the masters are split (the leader isolated, or one master cut off from the other two, or one link cut), then healed. */
    MASTER_PARTITION("master-partition", Mode.HA),
    /** With --ha: a message between two masters is lost. */
    PEER_DROP("peer-drop", Mode.HA),
    /** With --ha: a message between two masters arrives late (up to 0.8 s), possibly after later ones. */
    PEER_DELAY("peer-delay", Mode.HA);

    /** Which runs a fault applies to. */
    public enum Mode { SINGLE, HA, BOTH }

    private final String cliName;
    private final Mode mode;

    FaultKind(String cliName, Mode mode) {
        this.cliName = cliName;
        this.mode = mode;
    }

    public String cliName() { return cliName; }

    /** Whether this fault can happen in a single-master run ({@code ha} false) or a replicated one. */
    public boolean appliesTo(boolean ha) {
        return mode == Mode.BOTH || (mode == Mode.HA) == ha;
    }

    /** The kinds of {@code kinds} that apply to a single-master or replicated run. */
    public static Set<FaultKind> applicable(Set<FaultKind> kinds, boolean ha) {
        EnumSet<FaultKind> out = EnumSet.noneOf(FaultKind.class);
        for (FaultKind k : kinds) if (k.appliesTo(ha)) out.add(k);
        return out;
    }

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
