package org.mesocosm.cli.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.mesocosm.cli.security.MasterCertificate;
import org.mesocosm.runtime.live.AccessControl;
import org.mesocosm.runtime.live.ApiServer;
import org.mesocosm.runtime.live.LiveDriver;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.runtime.security.Acl;
import org.mesocosm.runtime.security.Credentials;
import org.mesocosm.runtime.security.Fingerprint;
import org.mesocosm.runtime.security.Tls;

/**
 * A master as {@code mesocosm master} runs it (event loop, durable input log in a state
 * directory, the HTTPS API on a free loopback port with its own self-signed certificate, a token
 * required on every request), in this JVM so that its heap can be measured.
 */
final class InProcessMaster implements LoadMaster {
    static final String PRINCIPAL = "loadtest";
    private final LiveDriver driver;
    private final ApiServer server;
    private final String pin;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

    InProcessMaster(String policy, Path stateDir) throws IOException {
        LiveDriver.Settings s = LiveDriver.Settings.defaults(policy).withStateDir(stateDir);
        MasterCertificate cert = MasterCertificate.ephemeral(MasterCertificate.defaultNames("127.0.0.1", List.of()));
        pin = Fingerprint.of(cert.chain()[0]);
        AccessControl access = new AccessControl(Credentials.of(Map.of(PRINCIPAL, token)), Acl.allowAll(), false, null, line -> { });
        driver = new LiveDriver(s, PolicyRegistry.load().create(policy), () -> System.currentTimeMillis() * 1000L, null).start();
        try {
            server = new ApiServer(driver, new InetSocketAddress("127.0.0.1", 0), ApiServer.DEFAULT_MAX_BODY_BYTES,
                    Tls.server(cert.key(), cert.chain()), access)
                    // every load agent's parked heartbeat and every load client's request come from 127.0.0.1: the per-address
                    // cap, which keeps one address from taking the others' threads, would refuse the load generator itself
                    .withRequestsPerAddress(Integer.MAX_VALUE).start();
        } catch (IOException | RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    @Override
    public URI url() { return URI.create("https://127.0.0.1:" + server.port() + "/"); }

    /** Trust for this master only: its certificate pinned, as agents and clients do with {@code --pin}. */
    @Override
    public SSLContext clientTls() { return Tls.pinned(pin); }

    /** The bearer token every load client presents. */
    @Override
    public String token() { return token; }

    @Override
    public void close() throws IOException {
        server.close();
        driver.close();
    }
}
