package org.mesocosm.runtime.security;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, known by its SHA-256 fingerprint (how agents and clients
 * trust a master's self-signed certificate, as ssh trusts a host key). The pin names the very
 * certificate, so no CA chain or host name check adds anything; extending
 * {@link X509ExtendedTrustManager} keeps the JDK from adding a host name check of its own, which
 * would refuse a master reached by an address its certificate does not list.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {
    private final String pin;

    PinnedTrustManager(String pin) {
        this.pin = Fingerprint.parse(pin);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) throw new CertificateException("the master sent no certificate");
        String got = Fingerprint.of(chain[0]);
        if (!got.equals(pin)) {
            throw new CertificateException("the master's certificate " + got + " is not the pinned " + pin);
        }
        chain[0].checkValidity();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException { check(chain); }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException { check(chain); }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException { check(chain); }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a pin only trusts a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a pin only trusts a server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a pin only trusts a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}
