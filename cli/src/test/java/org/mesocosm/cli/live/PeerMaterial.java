package org.mesocosm.cli.live;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Peer TLS files for masters on loopback, as the README's openssl commands make them: per master
 * {@code ID-cert.pem} (self-signed, CN=ID, subjectAltName IP:127.0.0.1) and {@code ID-key.pem},
 * and {@code peers.pem} with every master's certificate (each master pins all of them).
 */
final class PeerMaterial {
    private final Path dir;

    private PeerMaterial(Path dir) {
        this.dir = dir;
    }

    static PeerMaterial write(Path dir, List<String> ids) throws Exception {
        Files.createDirectories(dir);
        StringBuilder all = new StringBuilder();
        for (String id : ids) {
            String cert = writePair(dir, id);
            all.append(cert);
        }
        Files.writeString(dir.resolve("peers.pem"), all.toString());
        return new PeerMaterial(dir);
    }

    /** Writes {@code ID-cert.pem} and {@code ID-key.pem}; returns the certificate's PEM. */
    static String writePair(Path dir, String id) throws Exception {
        Instant now = Instant.now();
        return writePair(dir, id, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1)));
    }

    /** As {@link #writePair(Path, String)}, valid from {@code notBefore} to {@code notAfter} (in the past: expired). */
    static String writePair(Path dir, String id, Instant notBefore, Instant notAfter) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = g.generateKeyPair();
        X500Name name = new X500Name("CN=" + id);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(notBefore), Date.from(notAfter), name, pair.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        String certPem = pem(cert);
        Files.writeString(dir.resolve(id + "-cert.pem"), certPem);
        Files.writeString(dir.resolve(id + "-key.pem"), pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
        return certPem;
    }

    /** The options that give master {@code id} its peer TLS. */
    List<String> options(String id) {
        return List.of("--peer-cert", dir.resolve(id + "-cert.pem").toString(), "--peer-key", dir.resolve(id + "-key.pem").toString(),
                "--peer-trust", dir.resolve("peers.pem").toString());
    }

    private static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o);
        }
        return s.toString();
    }
}
