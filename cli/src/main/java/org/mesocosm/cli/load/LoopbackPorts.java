package org.mesocosm.cli.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports for masters started on this machine (loadtest --ha, and the live tests' clusters). */
public final class LoopbackPorts {
    private LoopbackPorts() { }

    /**
     * {@code n} distinct free loopback ports: all held open while chosen, since one port taken and
     * released at a time can come back twice (LoadRunTest failed once on "--peers: address ... is
     * listed twice").
     */
    public static int[] distinct(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                out[i] = s.getLocalPort();
            }
            return out;
        } finally {
            for (ServerSocket s : held) s.close();
        }
    }
}
