package org.mesocosm.runtime.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** SSL contexts from keys and certificates, with the JDK alone (key generation and PEM keys are the CLI's job). */
public final class Tls {
    /** TLS 1.3 and 1.2 only; the JDK's defaults choose the ciphers. */
    public static final String PROTOCOL = "TLS";

    private Tls() {}

    /** The master's side: its private key and certificate chain (leaf first). */
    public static SSLContext server(PrivateKey key, X509Certificate[] chain) {
        return server(key, chain, null);
    }

    /**
     * The master's side, also checking the certificates clients present against the CAs in
     * {@code clientCa} (PEM; null: clients present none). Only certificates from those CAs are
     * accepted, never the JVM's public CAs: a client certificate names a principal.
     */
    public static SSLContext server(PrivateKey key, X509Certificate[] chain, Path clientCa) {
        try {
            SSLContext ctx = SSLContext.getInstance(PROTOCOL);
            ctx.init(keyManagers(key, chain), clientCa == null ? new TrustManager[0] : trustManagers(clientCa), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the TLS key and certificate: " + e.getMessage(), e);
        }
    }

    /** Key managers presenting {@code key} with its chain (leaf first). */
    public static KeyManager[] keyManagers(PrivateKey key, X509Certificate[] chain) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = new char[0];
            ks.setKeyEntry("key", key, pw, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use the TLS key and certificate: " + e.getMessage(), e);
        }
    }

    /** A client that trusts only the server certificate with this SHA-256 fingerprint. */
    public static SSLContext pinned(String pin) {
        return pinned(pin, null);
    }

    /** The same, presenting a client certificate ({@code keys} from {@link #keyManagers}; null: none). */
    public static SSLContext pinned(String pin, KeyManager[] keys) {
        return client(keys, new TrustManager[] {new PinnedTrustManager(pin)});
    }

    /** A client that trusts servers whose chain leads to a certificate in this PEM file (a CA, or the server's own certificate). */
    public static SSLContext trusting(Path pemFile) {
        return trusting(pemFile, null);
    }

    /** The same, presenting a client certificate ({@code keys}; null: none). */
    public static SSLContext trusting(Path pemFile, KeyManager[] keys) {
        return client(keys, trustManagers(pemFile));
    }

    /** A client that trusts the JVM's default CAs, presenting a client certificate. */
    public static SSLContext defaultTrust(KeyManager[] keys) {
        return client(keys, null);
    }

    private static TrustManager[] trustManagers(Path pemFile) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(pemFile + ": no such file");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(pemFile + ": not a PEM certificate file: " + e.getMessage());
        }
        if (certs.isEmpty()) throw new IllegalArgumentException(pemFile + ": no certificate in it");
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) ks.setCertificateEntry("ca" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(pemFile + ": " + e.getMessage(), e);
        }
    }

    private static SSLContext client(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext ctx = SSLContext.getInstance(PROTOCOL);
            ctx.init(keys, trust, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
