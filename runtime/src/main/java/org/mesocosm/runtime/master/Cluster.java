package org.mesocosm.runtime.master;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuDevices;

/** All agents the master knows, in registration order, and the capacity of those that are up. */
public final class Cluster {
    private final List<Agent> agents = new ArrayList<>();
    private final Map<String, Agent> byId = new HashMap<>();
    private Resources capacityUp = Resources.ZERO;
    private Resources largestAgent = Resources.ZERO;
    private int agentsUp;
    /** Bumped whenever the set of up agents changes, so that caches of "fits anywhere" can expire. */
    private long version;
    /** Declared by the placement policy; see {@link Agent#ceiling()}. */
    private int overcommitPercent;

    public List<Agent> agents() { return Collections.unmodifiableList(agents); }

    public Agent agent(String id) { return byId.get(id); }

    public Agent agent(int index) { return agents.get(index); }

    public int size() { return agents.size(); }

    public int agentsUp() { return agentsUp; }

    /** Total resources of the agents that are up. */
    public Resources capacity() { return capacityUp; }

    public long version() { return version; }

    /** True if some up agent is big enough, when empty, for the request and matches the selector. */
    public boolean couldEverFit(Resources request, Map<String, String> nodeSelector) {
        if (!largestAgent.fits(request)) return false;
        for (Agent a : agents) {
            if (a.isUp() && a.total().fits(request) && matches(a, nodeSelector)) return true;
        }
        return false;
    }

    /** {@link #couldEverFit(Resources, Map)}, and an up agent of that size also has the devices and model the GPU demand asks for. */
    public boolean couldEverFit(Resources request, Map<String, String> nodeSelector, GpuDemand gpu) {
        if (gpu.none()) return couldEverFit(request, nodeSelector);
        if (!largestAgent.fits(request)) return false;
        for (Agent a : agents) {
            if (a.isUp() && a.total().fits(request) && matches(a, nodeSelector) && gpuCouldEverFit(a, gpu)) return true;
        }
        return false;
    }

    private static boolean gpuCouldEverFit(Agent a, GpuDemand gpu) {
        GpuDevices d = a.gpuDevices();
        return gpu.acceptsModel(d.model()) && d.count() >= gpu.gpus();
    }

    public static boolean matches(Agent a, Map<String, String> nodeSelector) {
        if (nodeSelector.isEmpty()) return true;
        for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
            if (!e.getValue().equals(a.attributes().get(e.getKey()))) return false;
        }
        return true;
    }

    void setOvercommitPercent(int pct) {
        if (pct < 0) throw new IllegalArgumentException("overcommit must be >= 0%: " + pct);
        overcommitPercent = pct;
    }

    Agent register(String id, Resources total, Map<String, String> attributes) {
        Agent a = byId.get(id);
        if (a == null) {
            a = new Agent(id, agents.size(), total, attributes);
            agents.add(a);
            byId.put(id, a);
        } else if (a.isUp()) {
            throw new IllegalStateException("agent " + id + " registered twice without being removed");
        }
        a.register(total, attributes, overcommitPercent);
        capacityUp = capacityUp.plus(total);
        largestAgent = new Resources(Math.max(largestAgent.cpuMillis(), total.cpuMillis()), Math.max(largestAgent.memMiB(), total.memMiB()),
                Math.max(largestAgent.diskMiB(), total.diskMiB()), Math.max(largestAgent.gpus(), total.gpus()));
        agentsUp++;
        version++;
        return a;
    }

    void markDown(Agent a) {
        a.markDown();
        capacityUp = capacityUp.minus(a.total());
        agentsUp--;
        version++;
    }
}
