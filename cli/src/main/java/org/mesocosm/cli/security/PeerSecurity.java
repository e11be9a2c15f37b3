package org.mesocosm.cli.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.ha.PeerTls;
import picocli.CommandLine.Option;

/**
 * The {@code --peer-*} options of {@code mesocosm master --ha}: mutual TLS among the masters on
 * their peer port (issue 19), and what they build. A replicated master refuses to start without it
 * unless told {@code --peer-tls off}: a plaintext peer port lets anyone who reaches it write to the
 * replicated input log.
 *
 * <p>The peer material is separate from the master's API certificate ({@code --tls-cert}): that
 * one is shown to every client and may come from a CA that certifies many hosts, and trusting its
 * CA for peers would make all of them masters; the peer trust must hold only the group's own
 * material (its own CA, or the masters' self-signed certificates, pinned).
 */
public final class PeerSecurity {
    public enum Mode { on, off }

    @Option(names = "--peer-tls", defaultValue = "on", paramLabel = "on|off",
            description = {"With --ha: 'on' (default): mutual TLS among the masters (needs --peer-cert, --peer-key, --peer-trust).",
                    "'off': plaintext and unauthenticated; anyone who reaches a peer port can write to the replicated log. Said loudly."})
    Mode mode = Mode.on;

    @Option(names = "--peer-cert", paramLabel = "FILE",
            description = "With --ha: this master's peer certificate (PEM chain, leaf first); it must name the host --peers gives for this master.")
    Path cert;

    @Option(names = "--peer-key", paramLabel = "FILE", description = "With --ha: the private key of --peer-cert (PEM; PKCS#8, PKCS#1 or EC; not encrypted).")
    Path key;

    @Option(names = "--peer-trust", paramLabel = "FILE",
            description = {"With --ha: the PEM certificates a peer's certificate must chain to: the group's own CA, or every master's",
                    "self-signed peer certificate (pinned). Not the CA of --client-ca, nor a public CA."})
    Path trust;

    /** The peer TLS of a replicated master, checked; null with {@code --peer-tls off} (after a warning). */
    public PeerTls build(boolean ha, MasterSecurity api, PrintStream err) throws IOException {
        boolean anyGiven = cert != null || key != null || trust != null;
        if (!ha) {
            if (anyGiven || mode == Mode.off) throw new IllegalArgumentException("--peer-tls, --peer-cert, --peer-key and --peer-trust go with --ha");
            return null;
        }
        if (mode == Mode.off) {
            if (anyGiven) throw new IllegalArgumentException("--peer-tls off and --peer-cert/--peer-key/--peer-trust contradict each other");
            err.println("mesocosm master: WARNING: --peer-tls off: the peer port is plaintext and unauthenticated; anyone who reaches it can"
                    + " append to the replicated input log (submit jobs, redirect clients, vote). For a demo on one machine only.");
            return null;
        }
        List<String> missing = new ArrayList<>();
        if (cert == null) missing.add("--peer-cert FILE");
        if (key == null) missing.add("--peer-key FILE");
        if (trust == null) missing.add("--peer-trust FILE");
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("--ha needs mutual TLS among the masters: give " + String.join(" ", missing)
                    + " (the README's 'High availability' section makes them with openssl), or --peer-tls off to run the peer port"
                    + " in the clear (anyone who reaches it can then write to the replicated log)");
        }
        MasterCertificate own = MasterCertificate.read(cert, key, false);
        List<X509Certificate> trusted = readCertificates(trust, "--peer-trust");
        if (api.clientCa != null) {
            for (X509Certificate c : readCertificates(api.clientCa, "--client-ca")) {
                if (trusted.contains(c)) {
                    throw new IllegalArgumentException("--peer-trust " + trust + " holds a certificate of --client-ca " + api.clientCa
                            + ": every client certificate that CA issues would pass for a master; give the masters a CA (or pinned certificates) of their own");
                }
            }
        }
        PeerTls tls;
        try {
            tls = new PeerTls(own.key(), own.chain(), trusted);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--peer-trust " + trust + ": " + e.getMessage());
        }
        // an expired certificate is refused here, naming its file (the chain check below would only say it does not chain), not
        // by every peer's handshake later; one that expires within 30 days is said at every start
        org.mesocosm.ha.PeerCertificateExpiry.check(tls, cert.toString(), trust.toString(), java.time.Instant.now()).forEach(err::println);
        try {
            tls.checkTrusted(own.chain());
        } catch (CertificateException e) {
            throw new IllegalArgumentException("--peer-cert " + cert + " does not chain to --peer-trust " + trust
                    + ", so masters given the same trust would refuse this one (list every master's certificate, or their CA, in it): " + e.getMessage());
        }
        err.println("mesocosm master: peer TLS: this master is " + tls.fingerprint() + " (" + cert + "); peers must chain to the "
                + trusted.size() + " certificate(s) in " + trust);
        return tls;
    }

    private static List<X509Certificate> readCertificates(Path file, String option) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) out.add((X509Certificate) c);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(option + " " + file + ": not a PEM certificate file: " + e.getMessage());
        }
        if (out.isEmpty()) throw new IllegalArgumentException(option + " " + file + ": no certificate in it");
        return out;
    }
}
