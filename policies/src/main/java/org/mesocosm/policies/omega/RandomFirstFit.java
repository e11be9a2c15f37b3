package org.mesocosm.policies.omega;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskSpec;

/**
 * The Omega simulator's placement inside one attempt: pick a machine at random from a candidate
 * pool; if the task fits (on the cell as it is, less what this attempt has already claimed), claim
 * it and leave the machine in the pool (the next task may go there too); if not, swap it out of
 * the pool's live range so it is not drawn again for tasks of the same shape. The pool is
 * refilled when the task shape changes and for every attempt.
 *
 * <p>The random stream is the lane's own {@link SplittableRandom}, seeded from the run's seed (or
 * the policy's {@code seed=}) and the lane's name ({@link OmegaSettings#laneSeed}): a stream per
 * lane keeps one lane's draws from shifting another's. Deterministic: same seed, same draws.
 */
final class RandomFirstFit {
    private final SplittableRandom random;
    private int[] pool = new int[0];
    private int remaining;
    private TaskSpec shape;
    /** What this attempt claimed per machine index: looked up, never iterated. */
    private final Map<Integer, Resources> claimed = new HashMap<>();
    /** Machines where this attempt already claimed GPU devices: one GPU claim per machine per attempt, so that commit can check it exactly. */
    private final Map<Integer, Boolean> gpuClaimed = new HashMap<>();

    RandomFirstFit(long seed) { this.random = new SplittableRandom(seed); }

    /** Starts an attempt on the cell as it is now. */
    void begin(Cluster c) {
        int n = c.size();
        if (pool.length != n) {
            pool = new int[n];
            for (int i = 0; i < n; i++) pool[i] = i;
        }
        remaining = n;
        shape = null;
        claimed.clear();
        gpuClaimed.clear();
    }

    /** A machine for {@code t}, claimed in this attempt, or null when no machine left in the pool has room. */
    Agent place(Task t, Cluster c) {
        if (t.spec() != shape) {
            shape = t.spec();
            remaining = pool.length;
        }
        while (remaining > 0) {
            int k = random.nextInt(remaining);
            int idx = pool[k];
            Agent a = c.agent(idx);
            if (fits(t, a)) {
                claimed.merge(idx, t.request(), Resources::plus);
                if (!t.gpu().none()) gpuClaimed.put(idx, Boolean.TRUE);
                return a;
            }
            pool[k] = pool[remaining - 1];
            pool[remaining - 1] = idx;
            remaining--;
        }
        return null;
    }

    private boolean fits(Task t, Agent a) {
        if (!a.isUp() || !Cluster.matches(a, t.spec().nodeSelector())) return false;
        Resources mine = claimed.getOrDefault(a.index(), Resources.ZERO);
        if (!a.free().fits(mine.plus(t.request()))) return false;
        return t.gpu().none() || (!gpuClaimed.containsKey(a.index()) && a.gpuFits(t.gpu()));
    }
}
