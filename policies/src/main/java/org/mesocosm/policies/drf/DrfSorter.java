package org.mesocosm.policies.drf;

import java.util.AbstractCollection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.offer.RoleSorter;

/**
 * Weighted Dominant Resource Fairness (Ghodsi et al., NSDI 2011): the next offer goes to the
 * client whose dominant share divided by its weight is smallest; ties break by name. Clients
 * sit in a tree ordered by that key, so a change of allocation costs O(log n), and picking the
 * next client costs nothing more than walking the tree from its smallest element.
 */
public final class DrfSorter implements RoleSorter {

    private static final class Client {
        final String name;
        final double weight;
        long cpu, mem, disk, gpus;
        double key;

        Client(String name, double weight) {
            this.name = name;
            this.weight = weight;
        }
    }

    /** Key, then name: a plain method rather than composed lambdas, as it runs on every change of allocation. */
    private static final Comparator<Client> ORDER = (x, y) -> {
        int c = Double.compare(x.key, y.key);
        return c != 0 ? c : x.name.compareTo(y.name);
    };

    private final Map<String, Client> clients = new HashMap<>();
    private final TreeSet<Client> sorted = new TreeSet<>(ORDER);
    private Resources total = Resources.ZERO;

    @Override
    public void add(String client, double weight) {
        if (!(weight > 0)) throw new IllegalArgumentException("weight of '" + client + "' must be > 0: " + weight);
        if (clients.containsKey(client)) throw new IllegalArgumentException("client '" + client + "' added twice");
        Client c = new Client(client, weight);
        clients.put(client, c);
        sorted.add(c);
    }

    @Override
    public void setTotal(Resources total) {
        this.total = total;
        sorted.clear();
        for (Client c : clients.values()) {
            c.key = key(c);
            sorted.add(c);
        }
    }

    @Override
    public void allocated(String client, Resources r) {
        update(client, r, 1);
    }

    @Override
    public void unallocated(String client, Resources r) {
        update(client, r, -1);
    }

    private void update(String name, Resources r, int sign) {
        Client c = clients.get(name);
        if (c == null) throw new IllegalArgumentException("unknown client '" + name + "'");
        sorted.remove(c);
        c.cpu += sign * r.cpuMillis();
        c.mem += sign * r.memMiB();
        c.disk += sign * r.diskMiB();
        c.gpus += sign * r.gpus();
        if (c.cpu < 0 || c.mem < 0 || c.disk < 0 || c.gpus < 0) {
            throw new IllegalStateException("client '" + name + "' would go below zero allocation");
        }
        c.key = key(c);
        sorted.add(c);
    }

    private double key(Client c) {
        return dominantShare(c) / c.weight;
    }

    /** As {@link Resources#dominantShare}, without building a Resources on the hot path. */
    private double dominantShare(Client c) {
        double s = 0;
        if (total.cpuMillis() > 0) s = Math.max(s, (double) c.cpu / total.cpuMillis());
        if (total.memMiB() > 0) s = Math.max(s, (double) c.mem / total.memMiB());
        if (total.diskMiB() > 0) s = Math.max(s, (double) c.disk / total.diskMiB());
        if (total.gpus() > 0) s = Math.max(s, (double) c.gpus / total.gpus());
        return s;
    }

    @Override
    public Iterable<String> order() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<String> iterator() {
                Iterator<Client> it = sorted.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() { return it.hasNext(); }

                    @Override
                    public String next() { return it.next().name; }
                };
            }

            @Override
            public int size() { return sorted.size(); }
        };
    }

    @Override
    public double share(String client) {
        Client c = clients.get(client);
        if (c == null) throw new IllegalArgumentException("unknown client '" + client + "'");
        return dominantShare(c);
    }
}
