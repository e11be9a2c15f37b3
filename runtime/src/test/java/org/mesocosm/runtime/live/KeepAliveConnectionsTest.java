package org.mesocosm.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The per-address count of kept-alive connections: by port, a lifetime after each answer, never while answering. */
class KeepAliveConnectionsTest {
    private static final long LIFETIME = 40_000_000_000L;

    private static InetSocketAddress at(String address, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(address), port);
    }

    @Test
    void anAddressKeepsAtMostMaxConnectionsUntilTheirLifetimeAfterTheLastAnswer() throws Exception {
        long[] now = {1_000};
        KeepAliveConnections k = new KeepAliveConnections(LIFETIME, () -> now[0]);
        assertTrue(k.keep(at("127.0.0.2", 1001), 2));
        assertTrue(k.keep(at("127.0.0.2", 1002), 2));
        assertFalse(k.keep(at("127.0.0.2", 1003), 2), "a third connection of the address closes after its answer");
        assertTrue(k.keep(at("127.0.0.3", 1003), 2), "another address has its own count");
        k.answered(at("127.0.0.3", 1003));
        assertTrue(k.keep(at("127.0.0.2", 1001), 2), "a next request on a connection kept alive");
        k.answered(at("127.0.0.2", 1001));
        now[0] += LIFETIME + 1;
        assertTrue(k.keep(at("127.0.0.2", 1004), 2), "1001 expired a lifetime after its answer");
        assertFalse(k.keep(at("127.0.0.2", 1005), 2), "1002 was never answered: still answering, so still counted");
        k.answered(at("127.0.0.2", 1002));
        k.answered(at("127.0.0.2", 1004));
        assertEquals(2, k.counted(InetAddress.getByName("127.0.0.2")));
        now[0] += LIFETIME + 1;
        assertEquals(0, k.counted(InetAddress.getByName("127.0.0.2")));
        assertEquals(0, k.counted(InetAddress.getByName("127.0.0.3")), "127.0.0.3's connection expired a lifetime after its answer");
    }
}
