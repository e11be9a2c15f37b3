package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.ExitCodes;

/**
 * {@code master --ha --peer-listen HOST:PORT} (bind the peer port elsewhere than the {@code --peers}
 * address the others dial): a bad value is refused at start with an error naming the option. That
 * masters do bind there and are reached through their {@code --peers} address is
 * {@link HaPartitionTest}'s setup (a proxy in between).
 */
class PeerListenOptionTest {
    @TempDir
    Path tmp;

    private ExitCodesTest.Run master(String listen) throws Exception {
        return ExitCodesTest.run("master", "--ha", "--peers", "m1=127.0.0.1:1,m2=127.0.0.1:2,m3=127.0.0.1:3", "--id", "m1",
                "--state-dir", tmp.resolve("m1").toString(), "--tls", "off", "--allow-anonymous", "--port", "0",
                "--secret-key-file", HaCluster.writeSecretKey(tmp.resolve("k-" + System.nanoTime())).toString(), "--peer-listen", listen);
    }

    @Test
    void aBadListenAddressIsRefusedNamingTheOption() throws Exception {
        for (String[] c : new String[][] {
                {"127.0.0.1", "--peer-listen: address '127.0.0.1' is not HOST:PORT"},
                {"127.0.0.1:0", "--peer-listen: port 0 is not 1-65535"},
                {"tcp://0.0.0.0:6001", "--peer-listen: address 'tcp://0.0.0.0:6001' is not HOST:PORT"}}) {
            ExitCodesTest.Run r = master(c[0]);
            assertEquals(ExitCodes.USAGE, r.exit(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
        }
    }

    @Test
    void itGoesWithHa() {
        ExitCodesTest.Run r = ExitCodesTest.run("master", "--tls", "off", "--allow-anonymous", "--port", "0", "--peer-listen", "127.0.0.1:6001");
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--peers, --id and --peer-listen go with --ha"), r.err());
    }
}
