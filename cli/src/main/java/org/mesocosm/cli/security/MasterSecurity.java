package org.mesocosm.cli.security;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.mesocosm.runtime.live.AccessControl;
import org.mesocosm.runtime.security.Acl;
import org.mesocosm.runtime.security.Credentials;
import org.mesocosm.runtime.security.Fingerprint;
import org.mesocosm.runtime.security.Tls;
import picocli.CommandLine.Option;

/** The master's TLS, authentication and ACL options, and what they build. */
public final class MasterSecurity {
    /** Under the state dir: the self-signed certificate and its key. */
    public static final String TLS_DIR = "tls";

    public enum TlsMode { on, off }

    @Option(names = "--tls", defaultValue = "on",
            description = "'on' (default): HTTPS only. 'off': plain HTTP, tokens in the clear; for a local demo only, and said so at start.")
    TlsMode tls = TlsMode.on;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain (leaf first). Default: a self-signed certificate made on first start, kept in STATE_DIR/tls.")
    Path certFile;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert (PKCS#8, PKCS#1 or EC; not encrypted).")
    Path keyFile;

    @Option(names = "--tls-name", paramLabel = "NAME", split = ",",
            description = "More host names or addresses for the self-signed certificate (loopback and this host's name are always in it).")
    List<String> names = new ArrayList<>();

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "Principals and their bearer tokens (JSON or YAML; see examples/security/credentials.yaml).")
    Path credentials;

    @Option(names = "--acls", paramLabel = "FILE",
            description = "Who may do what (JSON or YAML; see examples/security/acls.yaml). Without it every authenticated principal may do everything.")
    Path acls;

    @Option(names = "--client-ca", paramLabel = "FILE",
            description = "Also accept TLS client certificates issued by the CA(s) in this PEM file; the certificate's CN is the principal.")
    Path clientCa;

    @Option(names = "--allow-anonymous", description = "Let requests without a token in, as principal 'anonymous' (still subject to --acls).")
    boolean allowAnonymous;

    @Option(names = "--default-user", paramLabel = "USER",
            description = "OS user of the tasks of a job whose spec names none. Default: the user running the master (${sys:user.name}).")
    String defaultUser = System.getProperty("user.name");

    /** What the master serves with: its TLS context (null with --tls off) and its gate. */
    public record Setup(SSLContext tls, AccessControl access) {}

    public Setup build(Path stateDir, String host, PrintStream err) throws IOException {
        if (credentials == null && !allowAnonymous && clientCa == null) {
            throw new IllegalArgumentException("no --credentials FILE, so nobody could log in: give one (see examples/security/credentials.yaml),"
                    + " or --client-ca FILE, or --allow-anonymous for a local demo");
        }
        Credentials creds = credentials == null ? Credentials.none() : Credentials.load(credentials);
        Acl acl = acls == null ? Acl.allowAll() : Acl.load(acls);
        if (clientCa != null && tls == TlsMode.off) throw new IllegalArgumentException("--client-ca needs TLS: drop --tls off");
        AccessControl access = new AccessControl(creds, acl, allowAnonymous, defaultUser, err::println, clientCa != null);
        err.println("mesocosm master: " + (credentials == null ? "no credentials file" : creds.size() + " tokens from " + credentials)
                + (clientCa == null ? "" : "; client certificates from " + clientCa)
                + (allowAnonymous ? "; anonymous requests ALLOWED" : "; anonymous requests refused")
                + (acls == null ? "; no --acls: every authenticated principal may do everything" : "; ACLs from " + acls)
                + "; tasks without a user run as '" + defaultUser + "'");
        return new Setup(tls(stateDir, host, err), access);
    }

    private SSLContext tls(Path stateDir, String host, PrintStream err) throws IOException {
        if (tls == TlsMode.off) {
            if (certFile != null || keyFile != null) throw new IllegalArgumentException("--tls off and --tls-cert/--tls-key contradict each other");
            err.println("mesocosm master: WARNING: --tls off: plain HTTP, tokens and job specs cross the network in the clear");
            return null;
        }
        if ((certFile == null) != (keyFile == null)) throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        List<String> sans = MasterCertificate.defaultNames(host, names);
        MasterCertificate mc;
        if (certFile != null) mc = MasterCertificate.read(certFile, keyFile, false);
        else if (stateDir != null) mc = MasterCertificate.inDir(stateDir.resolve(TLS_DIR), sans);
        else mc = MasterCertificate.ephemeral(sans);
        String fp = Fingerprint.of(mc.chain()[0]);
        String where = mc.certFile() == null ? "a new one each start: give --state-dir to keep it"
                : (mc.created() ? "made now, " : "") + mc.certFile();
        err.println("mesocosm master: TLS certificate " + fp + " (" + where + ")");
        err.println("mesocosm master: agents and clients trust it with --pin " + fp
                + (mc.certFile() == null ? "" : " or --ca " + mc.certFile()) + " (or: export MESOCOSM_PIN=" + fp + ")");
        return Tls.server(mc.key(), mc.chain(), clientCa);
    }
}
