package org.mesocosm.policies.omega;

import org.mesocosm.policies.lanes.LaneCosts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mesocosm.runtime.policy.PolicyParams;
import org.mesocosm.runtime.random.RandomStreams;

/**
 * The typed, validated settings of {@code omega} (see {@link OmegaPolicy} for the syntax).
 *
 * @param service   true when a {@code service} scheduler exists (service jobs go to it)
 * @param batchLanes number of batch schedulers (0 when {@code schedulers} names no batch)
 * @param split     how jobs are spread over several batch schedulers
 * @param conflicts how a claim is validated at commit
 * @param commit    what a transaction with some conflicting claims commits
 * @param serviceCosts t_job/t_task of the service scheduler (-1: the run's model)
 * @param batchCosts   t_job/t_task of every batch scheduler (-1: the run's model)
 * @param seed      the {@code seed=} parameter, or null when not given: the schedulers' placement
 *                  streams then derive from the run's seed (see {@link #laneSeed})
 */
record OmegaSettings(boolean service, int batchLanes, Split split, Conflicts conflicts, Commit commit,
                     LaneCosts serviceCosts, LaneCosts batchCosts, Long seed) {

    enum Split { HASH, ROUND_ROBIN }

    /** Omega paper §5: fine = only a claim whose resources are gone fails; coarse = any change to its machine since the snapshot fails it. */
    enum Conflicts { FINE, COARSE }

    /** Incremental: the claims that pass are kept; gang: all or nothing. */
    enum Commit { INCREMENTAL, GANG }

    static final String SERVICE = "service";
    static final String BATCH = "batch";

    static OmegaSettings parse(PolicyParams p) {
        Set<String> names = new LinkedHashSet<>();
        for (String s : p.string("schedulers", "service,batch").split(",")) {
            String n = s.trim().toLowerCase(Locale.ROOT);
            if (!n.equals(SERVICE) && !n.equals(BATCH)) throw bad(p, "schedulers: unknown scheduler '" + s.trim() + "' (valid: service, batch)");
            if (!names.add(n)) throw bad(p, "schedulers: '" + n + "' given twice");
        }
        int batchLanes = p.integer("batch-schedulers", 1);
        if (batchLanes < 1 || batchLanes > 64) throw bad(p, "batch-schedulers=" + batchLanes + " (valid: 1..64)");
        if (!names.contains(BATCH)) {
            if (p.values().containsKey("batch-schedulers")) throw bad(p, "batch-schedulers needs a batch scheduler in schedulers=");
            batchLanes = 0;
        }
        Split split = choice(p, "split", "hash", Split.class);
        Conflicts conflicts = choice(p, "conflicts", "fine", Conflicts.class);
        Commit commit = choice(p, "commit", "incremental", Commit.class);
        Long seed = null;
        String typed = p.values().get("seed");
        if (typed != null) {
            try {
                seed = Long.parseLong(typed.trim());
            } catch (NumberFormatException e) {
                throw bad(p, "seed=" + typed + " is not an integer");
            }
        }
        for (Map.Entry<String, String> e : p.values().entrySet()) {
            String k = e.getKey();
            if (!k.contains(":")) continue;
            String lane = k.substring(0, k.indexOf(':'));
            if (!names.contains(lane)) throw bad(p, k + " names no scheduler of schedulers=" + String.join(",", names));
        }
        return new OmegaSettings(names.contains(SERVICE), batchLanes, split, conflicts, commit,
                LaneCosts.of(p, SERVICE), LaneCosts.of(p, BATCH), seed);
    }

    /** The lane names in a fixed order: service first, then batch (or batch-1..batch-N). */
    List<String> laneNames() {
        List<String> out = new ArrayList<>();
        if (service) out.add(SERVICE);
        if (batchLanes == 1) out.add(BATCH);
        for (int i = 1; batchLanes > 1 && i <= batchLanes; i++) out.add(BATCH + "-" + i);
        return out;
    }

    LaneCosts costsOf(String lane) { return lane.equals(SERVICE) ? serviceCosts : batchCosts; }

    /**
     * The seed of one lane's placement stream. Without {@code seed=} it is the run's named stream
     * {@code omega-placement:LANE} (so five seeds of a run sample five placement streams, as they
     * sample five workloads); with {@code seed=S} it is S mixed with the lane's name as before the
     * run seed reached the policy (String.hashCode is specified, so stable across JDKs), which
     * pins the placements whatever the run's seed.
     */
    long laneSeed(String lane, long runSeed) {
        if (seed != null) return seed * 1_000_003L + lane.hashCode();
        return new RandomStreams(runSeed).seedFor("omega-placement:" + lane);
    }

    private static <E extends Enum<E>> E choice(PolicyParams p, String key, String dflt, Class<E> type) {
        String v = p.string(key, dflt);
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> valid = new ArrayList<>();
            for (E c : type.getEnumConstants()) valid.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            throw bad(p, key + "=" + v + " (valid: " + String.join(", ", valid) + ")");
        }
    }

    private static IllegalArgumentException bad(PolicyParams p, String what) {
        return new IllegalArgumentException("policy '" + p.policy() + "': " + what);
    }
}
