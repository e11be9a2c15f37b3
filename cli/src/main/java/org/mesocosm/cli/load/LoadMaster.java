package org.mesocosm.cli.load;

import java.io.IOException;
import java.net.URI;
import javax.net.ssl.SSLContext;

/** What a load run talks to: one master, or the leader of a replicated group, in this JVM behind its HTTPS API. */
interface LoadMaster extends AutoCloseable {
    /** The API the load clients and agents use (a group's leader). */
    URI url();

    /** Trust for that API: its certificate pinned, as agents and clients do with {@code --pin}. */
    SSLContext clientTls();

    /** The bearer token every load client presents. */
    String token();

    /** How far the replicas trailed during the run; null for a single master. */
    default ReplicationLag lag() {
        return null;
    }

    @Override
    void close() throws IOException;
}
