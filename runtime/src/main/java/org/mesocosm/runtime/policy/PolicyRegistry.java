package org.mesocosm.runtime.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.mesocosm.runtime.master.PlacementPolicy;

/** Every policy on the class path, by name. Two providers with one name is an error, not an override. */
public final class PolicyRegistry {
    private final List<PolicyProvider> providers;

    public PolicyRegistry(List<PolicyProvider> providers) {
        List<PolicyProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparing(PolicyProvider::name));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new IllegalStateException("two policies are registered as '" + sorted.get(i).name() + "': "
                        + sorted.get(i - 1).getClass().getName() + " and " + sorted.get(i).getClass().getName());
            }
        }
        this.providers = Collections.unmodifiableList(sorted);
    }

    public static PolicyRegistry load() {
        List<PolicyProvider> found = new ArrayList<>();
        ServiceLoader.load(PolicyProvider.class).forEach(found::add);
        return new PolicyRegistry(found);
    }

    public List<PolicyProvider> providers() { return providers; }

    public List<String> names() { return providers.stream().map(PolicyProvider::name).toList(); }

    public PolicyProvider provider(String name) {
        for (PolicyProvider p : providers) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("unknown policy '" + name + "' (valid: " + String.join(", ", names()) + ")");
    }

    /** Creates a policy from {@code name[:k=v,...]}, checking the parameters (live mode: no run seed). */
    public PlacementPolicy create(String spec) {
        PolicyParams params = PolicyParams.parse(spec);
        PolicyProvider p = provider(params.policy());
        params.checkAgainst(p.parameters());
        return p.create(params);
    }

    /**
     * Creates a policy for a simulated run with seed {@code runSeed}: a randomized policy draws
     * from streams derived from it (see {@link PolicyProvider#create(PolicyParams, long)}).
     */
    public PlacementPolicy create(String spec, long runSeed) {
        PolicyParams params = PolicyParams.parse(spec);
        PolicyProvider p = provider(params.policy());
        params.checkAgainst(p.parameters());
        return p.create(params, runSeed);
    }
}
