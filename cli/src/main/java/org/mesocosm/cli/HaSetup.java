package org.mesocosm.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.mesocosm.ha.HaNode;
import org.mesocosm.ha.PeerTls;
import org.mesocosm.ha.Peers;

/** The {@code --ha} options of {@code mesocosm master}, checked, and the replicated master's Raft node (module ha). */
final class HaSetup {
    private HaSetup() {}

    static void check(String peers, String id, String peerListen, Path stateDir, Path secretKeyFile, long snapshotEvery) {
        if (peers == null) throw new Mesocosm.UserError("--ha needs --peers ID=HOST:PORT,... (every master of the group)");
        if (id == null) throw new Mesocosm.UserError("--ha needs --id (which of --peers this master is)");
        if (stateDir == null) throw new Mesocosm.UserError("--ha needs --state-dir: the replicated log is kept there");
        if (secretKeyFile == null) {
            // secrets travel sealed through the replicated log: every master must be able to open what the leader sealed,
            // and a key inside the state dir would be lost with it
            throw new Mesocosm.UserError("--ha needs --secret-key-file: the same key file on every master (e.g. from 'openssl rand -base64 32',"
                    + " mode 600), outside the state dir; named secrets are replicated sealed with it");
        }
        if (snapshotEvery < 0) throw new Mesocosm.UserError("--ha-snapshot-every must be 0 or more, got " + snapshotEvery);
        Peers p = parse(peers);
        if (!p.byId().containsKey(id)) throw new Mesocosm.UserError("--id " + id + " is not among --peers " + p.ids());
        group(peers, id, peerListen);
    }

    /**
     * @param tls mutual TLS among the masters; null with {@code --peer-tls off}
     * @param snapshotEvery compact the replicated log into a snapshot every this many entries (0: never)
     */
    static HaNode node(String peers, String id, String peerListen, Path stateDir, PeerTls tls, long snapshotEvery) throws IOException {
        return new HaNode(group(peers, id, peerListen), id, stateDir, HaNode.Timing.DEFAULT, tls,
                new HaNode.Compaction(snapshotEvery, HaNode.Compaction.DEFAULT.segmentMax()));
    }

    /**
     * The group as this master sees it: {@code --peers}, and where this master binds its peer port
     * ({@code --peer-listen}; null: at its own address in {@code --peers}).
     */
    static Peers group(String peers, String id, String peerListen) {
        Peers p = parse(peers);
        if (peerListen == null) return p;
        try {
            return p.listening(id, peerListen);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
    }

    private static Peers parse(String peers) {
        try {
            return Peers.parse(peers);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError(e.getMessage());
        }
    }

    /** The API's address as other masters announce it to clients: the wildcard address is no place to send anyone. */
    static String advertised(InetSocketAddress a) {
        java.net.InetAddress ip = a.getAddress();
        String host;
        if (ip.isAnyLocalAddress()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        } else {
            host = ip instanceof java.net.Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        }
        return host + ":" + a.getPort();
    }
}
