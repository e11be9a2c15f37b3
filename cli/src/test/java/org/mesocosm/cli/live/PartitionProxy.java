package org.mesocosm.cli.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;

/**
 * A fault-injecting TCP proxy between the peer ports of replicated masters: one listener per
 * master at the address the others dial (its {@code --peers} entry), forwarding to where it binds
 * ({@code --peer-listen}). Raft's configuration gives every master the same address for m2, so a
 * listener alone cannot tell who is calling; the proxy asks the kernel which process holds the
 * other end of each accepted connection ({@link ProcSockets}, Linux only).
 *
 * <p>{@link #isolate} cuts a master off from the others, both ways, as a real partition does:
 * bytes on its existing connections are dropped while the connections stay open, and new ones are
 * accepted and then hear nothing. {@link #heal} ends it; the connections that lost bytes are
 * closed then (their TLS streams are broken, as a TCP connection that timed out during the
 * partition would be) and the masters connect again. Bytes never pass through a cut connection
 * again: once dropped, the stream is useless.
 */
final class PartitionProxy implements AutoCloseable {
    /** One proxied connection: from the master that dialled (-1 if it could not be told) to the master it dialled. */
    private static final class Link {
        final int from;
        final int to;
        final Socket client;
        volatile Socket upstream;
        /** Bytes were dropped (or it was accepted during a partition): it never forwards again and is closed at {@link #heal}. */
        volatile boolean cut;

        Link(int from, int to, Socket client) {
            this.from = from;
            this.to = to;
            this.client = client;
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private final List<ServerSocket> listeners = new ArrayList<>();
    private final int[] targets;
    private final IntToLongFunction pidOf;
    private final Set<Integer> isolated = ConcurrentHashMap.newKeySet();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> forwarded = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong unresolved = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param targets the port each master binds its peer port at on 127.0.0.1 ({@code --peer-listen})
     * @param pidOf the pid of master {@code i} now, or -1 while it is not running (masters restart: their pid changes)
     */
    PartitionProxy(int[] targets, IntToLongFunction pidOf) throws IOException {
        if (!ProcSockets.available()) throw new IllegalStateException("the partition proxy tells masters apart through /proc (Linux only)");
        this.targets = targets.clone();
        this.pidOf = pidOf;
        for (int i = 0; i < targets.length; i++) {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            listeners.add(s);
            int to = i;
            Thread t = new Thread(() -> acceptLoop(s, to), "partition-proxy-accept-m" + (i + 1));
            t.setDaemon(true);
            t.start();
        }
    }

    /** The port where the others dial master {@code i} (its {@code --peers} entry). */
    int port(int i) {
        return listeners.get(i).getLocalPort();
    }

    /** Cuts master {@code i} off from every other master, both ways, from now until {@link #heal}. */
    void isolate(int i) {
        isolated.add(i);
        for (Link l : links) if (blocked(l)) l.cut = true;
        event("isolate m" + (i + 1));
    }

    /** Ends every partition; the connections that were cut are closed, and the masters dial again. */
    void heal() {
        isolated.clear();
        int n = 0;
        for (Link l : links) {
            if (l.cut) {
                l.close();
                links.remove(l);
                n++;
            }
        }
        event("heal: closed " + n + " cut connection(s)");
    }

    /** Bytes forwarded from master {@code from} (-1: unknown) to master {@code to}, both directions of its connections counted as the dialler's. */
    long forwarded(int from, int to) {
        AtomicLong a = forwarded.get(key(from, to));
        return a == null ? 0 : a.get();
    }

    /** Bytes dropped on connections from {@code from} to {@code to}. */
    long dropped(int from, int to) {
        AtomicLong a = dropped.get(key(from, to));
        return a == null ? 0 : a.get();
    }

    /** Connections accepted; of them accepted during a partition and never forwarded; of them whose caller could not be told. */
    long accepted() { return accepted.get(); }

    long held() { return held.get(); }

    long unresolved() { return unresolved.get(); }

    /** What the proxy did, with times: for a failure report. */
    String report() {
        Map<String, String> bytes = new TreeMap<>();
        forwarded.forEach((k, v) -> bytes.put(k, v.get() + " forwarded"));
        dropped.forEach((k, v) -> bytes.merge(k, v.get() + " dropped", (a, b) -> a + ", " + b));
        return "proxy: " + accepted.get() + " connections (" + held.get() + " held in a partition, " + unresolved.get() + " from an unknown process, "
                + refused.get() + " closed at once: the master was down); bytes "
                + bytes + "; events " + events;
    }

    private boolean blocked(Link l) {
        return isolated.contains(l.to) || (l.from >= 0 && isolated.contains(l.from));
    }

    private void acceptLoop(ServerSocket listener, int to) {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                client.setTcpNoDelay(true);
                accept(client, to);
            } catch (java.net.ConnectException e) {
                refused.incrementAndGet(); // the master is down: the caller sees its connection closed, as good as refused
                closeQuietly(client);
            } catch (IOException | RuntimeException e) {
                event("m" + (to + 1) + ": dropped a connection it could not proxy: " + e);
                closeQuietly(client);
            }
        }
    }

    private void accept(Socket client, int to) throws IOException {
        accepted.incrementAndGet();
        int from = caller(client);
        if (from < 0) unresolved.incrementAndGet();
        Link l = new Link(from, to, client);
        if (blocked(l)) {
            l.cut = true;
            links.add(l);
            held.incrementAndGet();
            event("held a new connection " + key(from, to) + " (partition)");
            pump(l, client.getInputStream(), null, "held");
            return;
        }
        Socket upstream = new Socket();
        upstream.setTcpNoDelay(true);
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targets[to]), 5_000);
        l.upstream = upstream;
        links.add(l); // an isolate() from here on cuts it; one before is seen by the pumps, which check at every read
        pump(l, client.getInputStream(), upstream.getOutputStream(), "out");
        pump(l, upstream.getInputStream(), client.getOutputStream(), "back");
    }

    /** Which master dialled: the process holding the socket whose local port is the accepted socket's remote port. */
    private int caller(Socket client) {
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) pids.add(pidOf.applyAsLong(i));
        for (int attempt = 0; attempt < 5; attempt++) {
            int owner = ProcSockets.owner(client.getPort(), client.getLocalPort(), pids);
            if (owner >= 0) return owner;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return -1;
    }

    /** Copies {@code in} to {@code out} while the link is not cut; drops what arrives once it is (out null: drops everything). */
    private void pump(Link l, InputStream in, OutputStream out, String direction) {
        String key = key(l.from, l.to);
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (out == null || l.cut || blocked(l)) {
                        l.cut = true;
                        dropped.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(n);
                        continue;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    forwarded.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(n);
                }
            } catch (IOException e) {
                // closed by either side, or by heal()
            }
            if (!l.cut) { // a partition carries no FIN either: a cut link stays open until heal()
                l.close();
                links.remove(l);
            }
        }, "partition-proxy-" + key + "-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private void event(String what) {
        events.add(Instant.now() + " " + what);
    }

    private static String key(int from, int to) {
        return (from < 0 ? "?" : "m" + (from + 1)) + ">m" + (to + 1);
    }

    private static void closeQuietly(Socket s) {
        if (s == null) return;
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ServerSocket s : listeners) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Link l : links) l.close();
        links.clear();
    }
}
