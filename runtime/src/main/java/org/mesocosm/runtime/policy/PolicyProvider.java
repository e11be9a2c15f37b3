package org.mesocosm.runtime.policy;

import java.util.List;
import org.mesocosm.runtime.master.PlacementPolicy;

/**
 * Creates a placement policy by name. Implementations live in the policies module and are found
 * with {@link java.util.ServiceLoader}: a new policy is one class plus one line in
 * {@code META-INF/services/org.mesocosm.runtime.policy.PolicyProvider}.
 */
public interface PolicyProvider {

    /** The name users type, e.g. {@code drf}. Lower case, no spaces. */
    String name();

    /** One line for {@code mesocosm policies}. */
    String description();

    /** The parameters it accepts, with defaults. */
    List<PolicyParams.Param> parameters();

    /** Creates a fresh policy for one run. Parameters have already been checked against {@link #parameters()}. */
    PlacementPolicy create(PolicyParams params);

    /**
     * Creates a fresh policy for one simulated run whose seed is {@code runSeed} (the run's
     * {@code --seed}, the root of its random streams). A policy that draws random numbers derives
     * them from it, so that runs over several seeds sample its randomness too; the others ignore it
     * (the default). Live mode, which has no run seed, calls {@link #create(PolicyParams)}.
     */
    default PlacementPolicy create(PolicyParams params, long runSeed) { return create(params); }
}
