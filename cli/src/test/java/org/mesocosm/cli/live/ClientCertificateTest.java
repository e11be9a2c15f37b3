package org.mesocosm.cli.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.cli.security.MasterCertificate;
import org.mesocosm.runtime.security.ClientSecurity;
import org.mesocosm.runtime.security.Tls;

/** A TLS client certificate from the client CA logs in as its CN, with no token; one from another CA does not get through. */
class ClientCertificateTest {
    @TempDir
    static Path tmp;
    private static LiveCluster c;
    private static MasterCertificate ca;
    private static final List<String> audit = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        ca = MasterCertificate.inDir(tmp.resolve("client-ca"), List.of("client-ca"));
        Path acls = Files.writeString(tmp.resolve("acls.yaml"), "view_cluster:\n  - principals: [alice]\n");
        c = new LiveCluster(tmp, "drf:interval=50ms", 5000, 1000, new PrintStream(PrintStream.nullOutputStream()),
                LiveCluster.Security.DEFAULT.withClientCa(ca.certFile()).withAcls(acls).withAudit(audit::add));
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
    }

    /** A certificate for {@code cn} signed by {@code issuer}, written as PEM files NAME.pem and NAME.key. */
    static Path[] issue(MasterCertificate issuer, String cn, String name) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair kp = g.generateKeyPair();
        Instant now = Instant.now();
        X509Certificate issuerCert = issuer.chain()[0];
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerCert, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + cn + ",O=tests"), kp.getPublic());
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.key())));
        Path certFile = tmp.resolve(name + ".pem"), keyFile = tmp.resolve(name + ".key");
        Files.writeString(certFile, pem(cert));
        Files.writeString(keyFile, pem(new JcaPKCS8Generator(kp.getPrivate(), null)));
        return new Path[] {certFile, keyFile};
    }

    private static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o);
        }
        return s.toString();
    }

    private static int metricsWith(Path[] certAndKey) throws Exception {
        MasterCertificate pair = MasterCertificate.read(certAndKey[0], certAndKey[1], false);
        KeyManager[] keys = Tls.keyManagers(pair.key(), pair.chain());
        ClientSecurity s = new ClientSecurity(Tls.pinned(c.pin, keys), null);
        HttpClient http = s.configure(HttpClient.newBuilder()).build();
        return http.send(HttpRequest.newBuilder(c.url.resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void certificateCnIsThePrincipal() throws Exception {
        assertEquals(200, metricsWith(issue(ca, "alice", "alice")));
        assertEquals(403, metricsWith(issue(ca, "mallory", "mallory")));
        assertTrue(audit.stream().anyMatch(l -> l.contains("denied: principal=mallory action=view_cluster")), audit.toString());
    }

    @Test
    void certificateFromAnotherCaIsRefusedAndNoCertificateNeedsAToken() throws Exception {
        MasterCertificate otherCa = MasterCertificate.inDir(tmp.resolve("other-ca"), List.of("other"));
        Path[] forged = issue(otherCa, "alice", "forged");
        assertThrows(IOException.class, () -> metricsWith(forged));
        HttpClient http = c.client(LiveCluster.OPS);
        assertEquals(401, http.send(HttpRequest.newBuilder(c.url.resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void clientCommandsLogInWithCertificate() throws Exception {
        Path[] alice = issue(ca, "alice", "alice-cli");
        TlsAndAuthTest.Result r = TlsAndAuthTest.run("agents", "--master", c.url.toString(), "--pin", c.pin, "--cert", alice[0].toString(),
                "--key", alice[1].toString());
        assertEquals(0, r.code(), r.err());
        TlsAndAuthTest.Result half = TlsAndAuthTest.run("agents", "--master", c.url.toString(), "--pin", c.pin, "--cert", alice[0].toString());
        assertEquals(2, half.code());
        assertTrue(half.err().contains("--cert and --key go together"), half.err());
    }
}
