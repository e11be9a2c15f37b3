package org.mesocosm.ha;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a master's peer port listens: at its own {@code --peers} address only (Ratis, given just a
 * port, bound every interface), or at {@code --peer-listen} when given, and then not at the
 * {@code --peers} port. Checked by connecting: 127.0.0.2 is another loopback address on Linux.
 */
class PeerListenTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(60)
    void thePeerPortBindsItsOwnAddressOrTheListenAddress() throws Exception {
        Peers group = ReplicatedMastersTest.loopbackGroup();
        int advertised = group.port("m1");
        try (ReplicatedMastersTest.Master m = ReplicatedMastersTest.start(tmp.resolve("a"), group, "m1", ReplicatedMastersTest.FAST, null)) {
            assertTrue(connects("127.0.0.1", advertised), "m1 does not listen at its --peers address");
            assertTrue(!connects("127.0.0.2", advertised), "m1's peer port listens on other addresses than its --peers one (every interface?)");
        }
        int listen = ReplicatedMastersTest.freePort();
        try (ReplicatedMastersTest.Master m = ReplicatedMastersTest.start(tmp.resolve("b"), group.listening("m1", "127.0.0.1:" + listen), "m1",
                ReplicatedMastersTest.FAST, null)) {
            assertTrue(connects("127.0.0.1", listen), "m1 does not listen at its --peer-listen address");
            assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", advertised), 2000),
                    "m1 still listens at its --peers port although told to listen elsewhere");
        }
    }

    private static boolean connects(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
