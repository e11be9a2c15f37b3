package org.mesocosm.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.offer.RoleSorter;

/**
 * Baseline for {@link DrfAllocationBench}: weighted DRF done the plain way, recomputing every
 * client's dominant share and sorting all clients each time the allocator asks for the order
 * (as a first implementation would, and as Mesos's sorter did before it cached its order).
 * Same answers as {@code DrfSorter}; only the cost differs.
 */
final class ResortingDrfSorter implements RoleSorter {
    private static final class Client {
        final String name;
        final double weight;
        long cpu, mem, disk, gpus;

        Client(String name, double weight) {
            this.name = name;
            this.weight = weight;
        }
    }

    private final Map<String, Client> clients = new LinkedHashMap<>();
    private Resources total = Resources.ZERO;

    @Override
    public void add(String client, double weight) {
        clients.put(client, new Client(client, weight));
    }

    @Override
    public void setTotal(Resources total) { this.total = total; }

    @Override
    public void allocated(String client, Resources r) { change(clients.get(client), r, 1); }

    @Override
    public void unallocated(String client, Resources r) { change(clients.get(client), r, -1); }

    private static void change(Client c, Resources r, int sign) {
        c.cpu += sign * r.cpuMillis();
        c.mem += sign * r.memMiB();
        c.disk += sign * r.diskMiB();
        c.gpus += sign * r.gpus();
    }

    @Override
    public Iterable<String> order() {
        List<Client> l = new ArrayList<>(clients.values());
        l.sort((x, y) -> {
            int c = Double.compare(key(x), key(y));
            return c != 0 ? c : x.name.compareTo(y.name);
        });
        List<String> names = new ArrayList<>(l.size());
        for (Client c : l) names.add(c.name);
        return names;
    }

    private double key(Client c) {
        return new Resources(c.cpu, c.mem, c.disk, c.gpus).dominantShare(total) / c.weight;
    }

    @Override
    public double share(String client) {
        Client c = clients.get(client);
        return new Resources(c.cpu, c.mem, c.disk, c.gpus).dominantShare(total);
    }
}
