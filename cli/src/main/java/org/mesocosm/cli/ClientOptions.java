package org.mesocosm.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --master URL} for the commands that talk to a master. */
final class ClientOptions {
    static final String DEFAULT_MASTER = "http://127.0.0.1:5050";

    @Option(names = "--master", defaultValue = DEFAULT_MASTER, description = "Master URL. Default: ${DEFAULT-VALUE}.")
    String master;

    MasterApi api() { return new MasterApi(masterUri(master)); }

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
