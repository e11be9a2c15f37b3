package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.ExitCodes;

/**
 * {@code master --ha} refuses to start with a plaintext peer port unless told {@code --peer-tls off},
 * and refuses peer material that could not work or would let others in; each error says what to give.
 * (The masters that do start with peer TLS are {@link HaCluster}'s, in {@code HaFailoverTest}.)
 */
class PeerTlsOptionsTest {
    @TempDir
    Path tmp;

    /** {@code --ha} also needs the masters' shared secret key (replicated secrets are sealed with it): given, so that the peer checks are reached. */
    private Path secretKey() {
        try {
            Path k = tmp.resolve("ha-secret.key");
            return Files.exists(k) ? k : HaCluster.writeSecretKey(k);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> master(String... more) {
        List<String> a = new ArrayList<>(List.of("master", "--ha", "--peers", "m1=127.0.0.1:1,m2=127.0.0.1:2,m3=127.0.0.1:3", "--id", "m1",
                "--state-dir", tmp.resolve("m1").toString(), "--tls", "off", "--allow-anonymous", "--port", "0",
                "--secret-key-file", secretKey().toString()));
        a.addAll(List.of(more));
        return a;
    }

    private static ExitCodesTest.Run run(List<String> args) {
        return ExitCodesTest.run(args.toArray(String[]::new));
    }

    @Test
    void haWithoutPeerTlsIsRefusedUnlessTurnedOffExplicitly() {
        ExitCodesTest.Run r = run(master());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--ha needs mutual TLS among the masters: give --peer-cert FILE --peer-key FILE --peer-trust FILE"), r.err());
        assertTrue(r.err().contains("or --peer-tls off"), r.err());

        r = run(master("--peer-cert", "x.pem"));
        assertTrue(r.err().contains("give --peer-key FILE --peer-trust FILE"), r.err());

        r = run(master("--peer-tls", "off", "--peer-trust", "x.pem"));
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--peer-tls off and --peer-cert/--peer-key/--peer-trust contradict each other"), r.err());

        r = ExitCodesTest.run("master", "--tls", "off", "--allow-anonymous", "--port", "0", "--peer-tls", "off");
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("go with --ha"), r.err());
    }

    @Test
    void peerMaterialThatCouldNotWorkOrLetsOthersInIsRefused() throws Exception {
        Path dir = tmp.resolve("peer-tls");
        PeerMaterial.write(dir, List.of("m1", "m2", "m3"));
        Path other = Files.createDirectories(tmp.resolve("other"));
        PeerMaterial.writePair(other, "m1");

        // a certificate the trust file does not hold: the other masters, given the same file, would refuse this one
        ExitCodesTest.Run r = run(master("--peer-cert", other.resolve("m1-cert.pem").toString(), "--peer-key", other.resolve("m1-key.pem").toString(),
                "--peer-trust", dir.resolve("peers.pem").toString()));
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("does not chain to --peer-trust " + dir.resolve("peers.pem")), r.err());

        // the client CA among the peer trust: any client certificate would pass for a master
        List<String> withClientCa = master("--peer-cert", dir.resolve("m1-cert.pem").toString(), "--peer-key", dir.resolve("m1-key.pem").toString(),
                "--peer-trust", dir.resolve("peers.pem").toString(), "--client-ca", dir.resolve("m2-cert.pem").toString());
        withClientCa.removeAll(List.of("--tls", "off")); // client certificates need the API's TLS
        r = run(withClientCa);
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("holds a certificate of --client-ca"), r.err());

        // an expired peer certificate, itself in the trust file: refused with the file and the date, not as "does not chain"
        Path expired = Files.createDirectories(tmp.resolve("expired"));
        java.time.Instant now = java.time.Instant.now();
        String pem = PeerMaterial.writePair(expired, "m1", now.minus(java.time.Duration.ofDays(400)), now.minus(java.time.Duration.ofDays(2)));
        Files.writeString(expired.resolve("peers.pem"), pem);
        r = run(master("--peer-cert", expired.resolve("m1-cert.pem").toString(), "--peer-key", expired.resolve("m1-key.pem").toString(),
                "--peer-trust", expired.resolve("peers.pem").toString()));
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--peer-cert " + expired.resolve("m1-cert.pem") + ": the certificate of CN=m1 expired on "), r.err());

        r = run(master("--peer-cert", dir.resolve("m1-cert.pem").toString(), "--peer-key", dir.resolve("m1-key.pem").toString(),
                "--peer-trust", tmp.resolve("missing.pem").toString()));
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--peer-trust " + tmp.resolve("missing.pem") + ": no such file"), r.err());
    }
}
