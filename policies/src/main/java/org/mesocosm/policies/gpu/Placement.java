package org.mesocosm.policies.gpu;

/** Where a pod goes: a node and the indices of the devices it takes there (none for a CPU-only pod). */
public record Placement(int node, int[] devices) {
    public Placement {
        devices = devices.clone();
    }

    @Override
    public int[] devices() { return devices.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Placement p && p.node == node && java.util.Arrays.equals(p.devices, devices);
    }

    @Override
    public int hashCode() { return 31 * node + java.util.Arrays.hashCode(devices); }

    @Override
    public String toString() { return "node " + node + " devices " + java.util.Arrays.toString(devices); }
}
