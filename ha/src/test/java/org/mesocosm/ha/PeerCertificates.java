package org.mesocosm.ha;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed peer certificates for loopback masters, as {@code openssl req -x509 -subj /CN=m1
 * -addext subjectAltName=IP:127.0.0.1} makes them (the README's walk-through): one per master, each
 * master trusting all of them (pinned).
 */
final class PeerCertificates {
    record Material(KeyPair pair, X509Certificate cert) {}

    final Map<String, Material> byId = new LinkedHashMap<>();

    PeerCertificates(List<String> ids) throws Exception {
        for (String id : ids) byId.put(id, make(id));
    }

    /** What master {@code id} starts with: its own key and certificate, trusting every master's. */
    PeerTls of(String id) {
        Material m = byId.get(id);
        return new PeerTls(m.pair().getPrivate(), new X509Certificate[] {m.cert()}, trusted());
    }

    List<X509Certificate> trusted() {
        List<X509Certificate> out = new ArrayList<>();
        for (Material m : byId.values()) out.add(m.cert());
        return out;
    }

    /** A certificate for 127.0.0.1 that no master trusts. */
    static Material make(String cn) throws Exception {
        Instant now = Instant.now();
        return make(cn, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)));
    }

    /** As {@link #make(String)}, valid from {@code notBefore} to {@code notAfter} (in the past: expired). */
    static Material make(String cn, Instant notBefore, Instant notAfter) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name("CN=" + cn);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(notBefore), Date.from(notAfter), name, pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        return new Material(pair, cert);
    }
}
