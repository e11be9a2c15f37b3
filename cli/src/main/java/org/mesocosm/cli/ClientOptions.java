package org.mesocosm.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.cli.security.ClientTrust;
import org.mesocosm.runtime.security.ClientSecurity;
import picocli.CommandLine.Option;

/** {@code --master URL} and how to trust it and log in, for the commands that talk to a master. */
final class ClientOptions {
    static final String DEFAULT_MASTER = "https://127.0.0.1:5050";

    @Option(names = "--master", defaultValue = "${env:MESOCOSM_MASTER:-" + DEFAULT_MASTER + "}",
            description = {"Master URL (env MESOCOSM_MASTER). Default: " + DEFAULT_MASTER + ".",
                    "Replicated masters (master --ha): list them all, URL,URL,URL; the leader is found and followed."})
    String master;

    @Option(names = "--pin", paramLabel = "sha256:HEX", defaultValue = "${env:MESOCOSM_PIN}",
            description = "Trust the master whose certificate has this SHA-256 fingerprint (printed by 'mesocosm master'; env MESOCOSM_PIN).")
    String pin;

    @Option(names = "--ca", paramLabel = "FILE", defaultValue = "${env:MESOCOSM_CA}",
            description = "Trust a master whose certificate chains to this PEM file (a CA, or the master's cert.pem; env MESOCOSM_CA).")
    Path ca;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "${env:MESOCOSM_TOKEN_FILE}",
            description = "Present the bearer token in this file (env MESOCOSM_TOKEN_FILE, or the token itself in MESOCOSM_TOKEN).")
    Path tokenFile;

    @Option(names = "--cert", paramLabel = "FILE", defaultValue = "${env:MESOCOSM_CERT}",
            description = "Log in with this TLS client certificate (PEM; its CN is the principal) instead of a token; needs --key (env MESOCOSM_CERT).")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", defaultValue = "${env:MESOCOSM_KEY}", description = "The private key of --cert (PEM; env MESOCOSM_KEY).")
    Path key;

    MasterApi api() {
        List<URI> uris = masterUris(master);
        return new MasterApi(uris, security(uris.get(0)));
    }

    ClientSecurity security(URI uri) {
        return ClientTrust.of(uri, pin, ca, tokenFile, cert, key, System.err);
    }

    /** One master URL, or several separated by commas (replicated masters). */
    static List<URI> masterUris(String text) {
        List<URI> out = new ArrayList<>();
        for (String part : text.split(",")) out.add(masterUri(part.strip()));
        return out;
    }

    static URI masterUri(String text) {
        try {
            URI u = URI.create(text);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError("--master must be a URL like " + DEFAULT_MASTER + ", got '" + text + "'");
        }
    }
}
