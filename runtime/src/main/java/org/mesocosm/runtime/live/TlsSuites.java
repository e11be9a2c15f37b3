package org.mesocosm.runtime.live;

import java.util.Arrays;

/** The TLS the master speaks: 1.3 and 1.2, without the CBC cipher suites that use SHA-1 MACs (Lucky13-class padding oracles). */
final class TlsSuites {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsSuites() {}

    static String[] withoutCbcSha1(String[] suites) {
        return Arrays.stream(suites).filter(s -> !(s.contains("_CBC_") && s.endsWith("_SHA"))).toArray(String[]::new);
    }
}
