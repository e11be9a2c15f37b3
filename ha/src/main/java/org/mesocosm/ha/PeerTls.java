package org.mesocosm.ha;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.mesocosm.runtime.security.Fingerprint;
import org.mesocosm.runtime.security.Tls;

/**
 * Mutual TLS between the masters of a group (issue 19): each master presents its peer certificate
 * on its peer port and on every connection it opens to another master, and accepts only a peer
 * whose certificate chains to one of {@code trusted}: the group's own CA, or the masters' own
 * (self-signed) certificates listed one by one, which pins them. Without it anyone who reaches a
 * peer port could append entries to the replicated input log (submit jobs, name a false leader
 * URL) or vote in elections.
 *
 * <p>The trust is the JDK's PKIX validation over {@code trusted} alone (never the JVM's public CAs:
 * a certificate from a public CA proves a host name, not membership of this group). The peer's
 * host name as {@code --peers} lists it must be in its certificate (the TLS client of the Raft
 * transport checks it), so a peer cannot pass for another master at another address either.
 *
 * @param key this master's private key
 * @param chain this master's certificate chain, leaf first
 * @param trusted the trust anchors a peer's certificate must chain to
 */
public record PeerTls(PrivateKey key, X509Certificate[] chain, List<X509Certificate> trusted) {
    public PeerTls {
        if (chain.length == 0) throw new IllegalArgumentException("the peer certificate chain is empty");
        if (trusted.isEmpty()) throw new IllegalArgumentException("no trusted peer certificate or CA");
        trusted = List.copyOf(trusted);
    }

    /** The SHA-256 fingerprint of this master's peer certificate (what other masters pin). */
    public String fingerprint() {
        return Fingerprint.of(chain[0]);
    }

    /** Ratis's gRPC TLS settings: present {@link #chain}, require a client certificate, check both ways against {@link #trusted}. */
    GrpcTlsConfig grpc() {
        KeyManager[] keys = Tls.keyManagers(key, chain);
        return new GrpcTlsConfig(keys[0], trustManager(trusted), true);
    }

    /** Throws unless {@code chain} (leaf first) would pass as a peer: how the CLI checks at start that a master trusts itself. */
    public void checkTrusted(X509Certificate[] chain) throws java.security.cert.CertificateException {
        trustManager(trusted).checkClientTrusted(chain, "UNKNOWN");
    }

    static X509TrustManager trustManager(List<X509Certificate> trusted) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : trusted) ks.setCertificateEntry("peer-trust-" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) return x;
            }
            throw new IllegalStateException("the JDK made no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use the trusted peer certificates: " + e.getMessage(), e);
        }
    }
}
