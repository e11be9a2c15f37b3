package org.mesocosm.cli.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.mesocosm.runtime.security.OwnerOnlyFiles;

/**
 * The master's TLS key and certificate: read from PEM files, or made self-signed on first start
 * and kept in the state dir ({@code cert.pem}; {@code key.pem} readable by the owner only) so that
 * agents and clients can keep pinning the same fingerprint across restarts.
 *
 * <p>BouncyCastle builds the certificate and reads PEM keys: the JDK can sign but has no public
 * API to build an X.509 certificate or to read the common PEM key forms (PKCS#1, SEC1).
 */
public record MasterCertificate(PrivateKey key, X509Certificate[] chain, Path certFile, boolean created) {
    public static final String CERT = "cert.pem";
    public static final String KEY = "key.pem";
    private static final Duration VALIDITY = Duration.ofDays(825); // the longest browsers accept for a server certificate

    /** The certificate in {@code dir}, made (self-signed, for {@code names}) if there is none yet. */
    public static MasterCertificate inDir(Path dir, List<String> names) throws IOException {
        Path cert = dir.resolve(CERT), key = dir.resolve(KEY);
        if (Files.exists(cert) && Files.exists(key)) return read(cert, key, false);
        if (!Files.isDirectory(dir)) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        KeyPair pair = newKeyPair();
        X509Certificate c = selfSigned(pair, names);
        writeOwnerOnly(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
        Path tmp = cert.resolveSibling(CERT + ".tmp");
        Files.writeString(tmp, pem(c), StandardCharsets.US_ASCII);
        Files.move(tmp, cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new MasterCertificate(pair.getPrivate(), new X509Certificate[] {c}, cert, true);
    }

    /** A new self-signed certificate kept only in memory (a master without a state dir). */
    public static MasterCertificate ephemeral(List<String> names) {
        KeyPair pair = newKeyPair();
        return new MasterCertificate(pair.getPrivate(), new X509Certificate[] {selfSigned(pair, names)}, null, true);
    }

    /**
     * A new self-signed peer certificate kept only in memory, for masters of a replicated group in
     * one process ({@code loadtest --ha}): it serves and authenticates as a client (mutual TLS).
     */
    public static MasterCertificate ephemeralPeer(String id, List<String> names) {
        KeyPair pair = newKeyPair();
        return new MasterCertificate(pair.getPrivate(), new X509Certificate[] {selfSigned(pair, names, "CN=" + id,
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth)}, null, true);
    }

    /** A key and certificate chain (leaf first) from PEM files, e.g. issued by the organisation's CA. */
    public static MasterCertificate read(Path certFile, Path keyFile, boolean created) throws IOException {
        X509Certificate[] chain;
        try (var in = Files.newInputStream(certFile)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(new X509Certificate[0]);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(certFile + ": no such file");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(certFile + ": not a PEM certificate: " + e.getMessage());
        }
        if (chain.length == 0) throw new IllegalArgumentException(certFile + ": no certificate in it");
        return new MasterCertificate(readKey(keyFile), chain, certFile, created);
    }

    private static PrivateKey readKey(Path keyFile) throws IOException {
        Object o;
        try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            o = p.readObject();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(keyFile + ": no such file");
        }
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        if (o instanceof PEMKeyPair kp) return conv.getPrivateKey(kp.getPrivateKeyInfo());
        if (o instanceof PrivateKeyInfo info) return conv.getPrivateKey(info);
        throw new IllegalArgumentException(keyFile + ": not an unencrypted PEM private key (PKCS#8, PKCS#1 or EC)");
    }

    /** The names a self-signed certificate lists: loopback, this host's name, and whatever the master was asked to listen as. */
    public static List<String> defaultNames(String host, List<String> extra) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException ignored) {
            // then loopback and the extra names only
        }
        if (!host.equals("0.0.0.0") && !host.equals("::")) names.add(host);
        names.addAll(extra);
        return new ArrayList<>(names);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, List<String> names) {
        return selfSigned(pair, names, "CN=mesocosm master", KeyPurposeId.id_kp_serverAuth);
    }

    private static X509Certificate selfSigned(KeyPair pair, List<String> names, String name, KeyPurposeId... purposes) {
        Instant now = Instant.now();
        X500Name subject = new X500Name(name);
        BigInteger serial = new BigInteger(127, new SecureRandom());
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial, Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            List<GeneralName> alt = new ArrayList<>();
            for (String n : names) alt.add(new GeneralName(isAddress(n) ? GeneralName.iPAddress : GeneralName.dNSName, n));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(new GeneralName[0])));
            // its own trust anchor: clients given it with --ca accept it as a CA of one
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static boolean isAddress(String n) {
        return n.matches("[0-9.]+") || n.contains(":");
    }

    private static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o);
        }
        return s.toString();
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        OwnerOnlyFiles.replace(file, text.getBytes(StandardCharsets.US_ASCII));
    }
}
