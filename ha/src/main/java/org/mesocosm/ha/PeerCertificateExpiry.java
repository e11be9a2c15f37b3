package org.mesocosm.ha;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When the peer certificates of a replicated master run out. A master whose peer certificate has
 * expired is refused by every other master (and refuses them, if a trusted certificate has): the
 * group loses its majority on the day it expires, all masters at once when they were made
 * together, as the README's openssl line makes them. So a master refuses to start on an expired
 * certificate, warns at start when one expires within {@link #WARN_BEFORE}, and {@code /metrics}
 * shows the seconds left ({@link HaNode#peerCertificateExpiry}).
 */
public final class PeerCertificateExpiry {
    /** How long before a certificate expires the master starts warning. */
    public static final Duration WARN_BEFORE = Duration.ofDays(30);

    private PeerCertificateExpiry() {}

    /**
     * Checks this master's peer certificate (the leaf of {@code tls}'s chain, from {@code certFile})
     * and every trusted one (from {@code trustFile}) at {@code now}.
     *
     * @return warnings, one line each, for certificates that expire within {@link #WARN_BEFORE}
     * @throws IllegalArgumentException naming the file and the certificate when one has expired
     */
    public static List<String> check(PeerTls tls, String certFile, String trustFile, Instant now) {
        List<String> warnings = new ArrayList<>();
        check(tls.chain()[0], "--peer-cert " + certFile, now, warnings);
        for (X509Certificate c : tls.trusted()) check(c, "--peer-trust " + trustFile, now, warnings);
        return warnings;
    }

    private static void check(X509Certificate c, String where, Instant now, List<String> warnings) {
        Instant end = c.getNotAfter().toInstant();
        String who = c.getSubjectX500Principal().getName();
        if (!end.isAfter(now)) {
            throw new IllegalArgumentException(where + ": the certificate of " + who + " expired on " + end
                    + "; the other masters refuse an expired peer certificate (make a new one, see the README's 'High availability')");
        }
        Duration left = Duration.between(now, end);
        if (left.compareTo(WARN_BEFORE) < 0) {
            warnings.add("mesocosm master: WARNING: " + where + ": the certificate of " + who + " expires on " + end + ", in "
                    + describe(left) + "; the masters refuse each other from then on: replace it before (every master's, if they were made together)");
        }
    }

    /** The earliest expiry among {@code certs}. */
    static Instant earliest(List<X509Certificate> certs) {
        return certs.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
    }

    private static String describe(Duration d) {
        long days = d.toDays();
        return days >= 1 ? days + " day" + (days == 1 ? "" : "s") : d.toHours() + " hour" + (d.toHours() == 1 ? "" : "s");
    }
}
