package org.mesocosm.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.ha.PeerCertificates.Material;

/** A master warns of a peer certificate that expires within 30 days and refuses an expired one, naming the file. */
class PeerCertificateExpiryTest {
    private final Instant now = Instant.now();

    private PeerTls tls(Material own, Material... trusted) {
        List<X509Certificate> t = new java.util.ArrayList<>(List.of(own.cert()));
        for (Material m : trusted) t.add(m.cert());
        return new PeerTls(own.pair().getPrivate(), new X509Certificate[] {own.cert()}, t);
    }

    private Material valid(String cn, Duration left) throws Exception {
        return PeerCertificates.make(cn, now.minus(Duration.ofDays(400)), now.plus(left));
    }

    @Test
    void aCertificateFarFromItsEndSaysNothing() throws Exception {
        assertEquals(List.of(), PeerCertificateExpiry.check(tls(valid("m1", Duration.ofDays(200)), valid("m2", Duration.ofDays(31))),
                "m1-cert.pem", "peers.pem", now));
    }

    @Test
    void oneThatExpiresWithin30DaysIsWarnedOfWithItsFileAndDate() throws Exception {
        Material own = valid("m1", Duration.ofDays(10).plusHours(1));
        List<String> w = PeerCertificateExpiry.check(tls(own, valid("m2", Duration.ofDays(200))), "m1-cert.pem", "peers.pem", now);
        assertEquals(2, w.size(), "the own certificate is both --peer-cert and in --peer-trust: " + w);
        assertTrue(w.get(0).contains("--peer-cert m1-cert.pem") && w.get(0).contains("in 10 days") && w.get(0).contains("CN=m1")
                && w.get(0).contains(own.cert().getNotAfter().toInstant().toString()), w.get(0));
        assertTrue(w.get(1).contains("--peer-trust peers.pem"), w.get(1));

        List<String> trustOnly = PeerCertificateExpiry.check(tls(valid("m1", Duration.ofDays(200)), valid("m3", Duration.ofHours(5).plusMinutes(1))),
                "m1-cert.pem", "peers.pem", now);
        assertEquals(1, trustOnly.size(), trustOnly.toString());
        assertTrue(trustOnly.get(0).contains("--peer-trust peers.pem") && trustOnly.get(0).contains("CN=m3") && trustOnly.get(0).contains("in 5 hours"),
                trustOnly.get(0));
    }

    @Test
    void anExpiredCertificateIsRefusedNamingTheFile() throws Exception {
        Material expired = PeerCertificates.make("m1", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
        IllegalArgumentException own = assertThrows(IllegalArgumentException.class,
                () -> PeerCertificateExpiry.check(tls(expired, valid("m2", Duration.ofDays(200))), "/etc/m1-cert.pem", "/etc/peers.pem", now));
        assertTrue(own.getMessage().startsWith("--peer-cert /etc/m1-cert.pem: the certificate of CN=m1 expired on "), own.getMessage());

        Material expiredPeer = PeerCertificates.make("m2", now.minus(Duration.ofDays(400)), now.minus(Duration.ofMinutes(1)));
        IllegalArgumentException trust = assertThrows(IllegalArgumentException.class,
                () -> PeerCertificateExpiry.check(tls(valid("m1", Duration.ofDays(200)), expiredPeer), "/etc/m1-cert.pem", "/etc/peers.pem", now));
        assertTrue(trust.getMessage().startsWith("--peer-trust /etc/peers.pem: the certificate of CN=m2 expired on "), trust.getMessage());
    }
}
