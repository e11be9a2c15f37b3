package org.mesocosm.ha;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The masters of a replicated group as the operator lists them: {@code m1=127.0.0.1:6001,m2=...}
 * (id = host:port of the master's peer port, where masters replicate the log among themselves).
 * That is the address the others dial (Raft keeps it in its replicated configuration); a master
 * may bind its peer port elsewhere ({@code --peer-listen}: behind NAT, in a container, or behind a
 * proxy), as etcd separates its listen and advertise peer URLs.
 *
 * @param byId peer address (host:port) by master id, in the order given: where the others dial it
 * @param listenById where a master binds its peer port, for the masters that do not bind at their address in {@link #byId}
 */
public record Peers(Map<String, String> byId, Map<String, String> listenById) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}|\\[[0-9A-Fa-f:]+\\]:\\d{1,5}");

    public Peers {
        byId = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byId));
        listenById = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(listenById));
        for (String id : listenById.keySet()) {
            if (!byId.containsKey(id)) throw new IllegalArgumentException("--peer-listen: " + id + " is not among --peers " + byId.keySet());
        }
    }

    /** Every master binds its peer port at the address the others dial. */
    public Peers(Map<String, String> byId) {
        this(byId, Map.of());
    }

    /** Parses {@code --peers}; an error names the entry at fault. */
    public static Peers parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) throw new IllegalArgumentException("--peers: list the masters as ID=HOST:PORT,ID=HOST:PORT,...");
        for (String part : text.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--peers: '" + p + "' is not ID=HOST:PORT");
            String id = p.substring(0, eq), address = p.substring(eq + 1);
            if (!ID.matcher(id).matches()) throw new IllegalArgumentException("--peers: id '" + id + "' must be 1-64 letters, digits, '-' or '_'");
            checkAddress("--peers", address, " of " + id);
            if (out.put(id, address) != null) throw new IllegalArgumentException("--peers: id '" + id + "' is listed twice");
            if (out.values().stream().filter(address::equals).count() > 1) {
                throw new IllegalArgumentException("--peers: address " + address + " is listed twice");
            }
        }
        if (out.size() < 3) {
            throw new IllegalArgumentException("--peers: " + out.size() + " master(s) listed; a replicated master needs at least 3 (a majority must survive one loss)");
        }
        return new Peers(out);
    }

    /**
     * The same group, with master {@code id} binding its peer port at {@code listen} (HOST:PORT;
     * {@code 0.0.0.0:PORT} for every interface) instead of its address in {@code --peers}; an error
     * names {@code --peer-listen}.
     */
    public Peers listening(String id, String listen) {
        if (!byId.containsKey(id)) throw new IllegalArgumentException("--peer-listen: " + id + " is not among --peers " + byId.keySet());
        if (listen == null || listen.isBlank()) throw new IllegalArgumentException("--peer-listen: give HOST:PORT, e.g. 0.0.0.0:6001");
        String address = listen.strip();
        checkAddress("--peer-listen", address, "");
        Map<String, String> l = new LinkedHashMap<>(listenById);
        l.put(id, address);
        return new Peers(byId, l);
    }

    private static void checkAddress(String option, String address, String of) {
        if (!ADDRESS.matcher(address).matches()) throw new IllegalArgumentException(option + ": address '" + address + "'" + of + " is not HOST:PORT");
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        if (port < 1 || port > 65535) throw new IllegalArgumentException(option + ": port " + port + of + " is not 1-65535");
    }

    /** The peer port of {@code id}, where the others dial it. */
    public int port(String id) {
        return portOf(byId.get(id));
    }

    /** Where master {@code id} binds its peer port: its {@code --peer-listen}, else its address in {@code --peers}. */
    public String listen(String id) {
        return listenById.getOrDefault(id, byId.get(id));
    }

    /** The host part of {@link #listen} as a socket wants it (an IPv6 literal without its brackets). */
    public String listenHost(String id) {
        String a = listen(id);
        String host = a.substring(0, a.lastIndexOf(':'));
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The port part of {@link #listen}. */
    public int listenPort(String id) {
        return portOf(listen(id));
    }

    private static int portOf(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    public List<String> ids() {
        return new ArrayList<>(byId.keySet());
    }
}
