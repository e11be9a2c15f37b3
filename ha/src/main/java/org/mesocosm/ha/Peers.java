package org.mesocosm.ha;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The masters of a replicated group as the operator lists them: {@code m1=127.0.0.1:6001,m2=...}
 * (id = host:port of the master's peer port, where masters replicate the log among themselves).
 *
 * @param byId peer address (host:port) by master id, in the order given
 */
public record Peers(Map<String, String> byId) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}|\\[[0-9A-Fa-f:]+\\]:\\d{1,5}");

    public Peers {
        byId = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byId));
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
            if (!ADDRESS.matcher(address).matches()) throw new IllegalArgumentException("--peers: address '" + address + "' of " + id + " is not HOST:PORT");
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            if (port < 1 || port > 65535) throw new IllegalArgumentException("--peers: port " + port + " of " + id + " is not 1-65535");
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

    /** The peer port of {@code id}. */
    public int port(String id) {
        String a = byId.get(id);
        return Integer.parseInt(a.substring(a.lastIndexOf(':') + 1));
    }

    public List<String> ids() {
        return new ArrayList<>(byId.keySet());
    }
}
