package org.mesocosm.cli.experiments;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.policy.PolicyRegistry;

/**
 * A comma-separated list of policy specs. A policy's own parameters are comma-separated too
 * ({@code k8s:score=most-allocated,sample=50%}), so an item with '=' and no ':' continues the
 * previous spec: {@code drf,drf:interval=2s,refuse=1s,k8s} is three policies.
 */
public final class PolicyList {
    private PolicyList() {}

    public static List<String> parse(String list) {
        List<String> out = new ArrayList<>();
        List<String> names = null;
        for (String raw : list.split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) throw new IllegalArgumentException("empty policy in '" + list + "'");
            boolean parameter = item.contains("=") && !item.contains(":");
            if (!parameter && item.contains("=") && item.indexOf(':') < item.indexOf('=')) {
                // mono:paths=service:t_job=1s,batch:t_job=0.1s: "batch:..." names no policy, so it is a parameter too
                if (names == null) names = PolicyRegistry.load().names();
                parameter = !out.isEmpty() && !names.contains(item.substring(0, item.indexOf(':')).trim());
            }
            if (parameter) {
                if (out.isEmpty()) throw new IllegalArgumentException("'" + item + "' in '" + list + "' is a parameter with no policy before it");
                out.set(out.size() - 1, out.get(out.size() - 1) + "," + item);
            } else {
                out.add(item);
            }
        }
        return List.copyOf(out);
    }

    /** Parses and checks every spec against the registry (name and parameters); duplicates are an error. */
    public static List<String> parseAndCheck(String list) {
        List<String> specs = parse(list);
        PolicyRegistry registry = PolicyRegistry.load();
        for (int i = 0; i < specs.size(); i++) {
            registry.create(specs.get(i));
            if (specs.subList(0, i).contains(specs.get(i))) throw new IllegalArgumentException("policy '" + specs.get(i) + "' is listed twice");
        }
        return specs;
    }
}
