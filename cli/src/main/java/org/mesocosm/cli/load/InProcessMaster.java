package org.mesocosm.cli.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import org.mesocosm.runtime.live.ApiServer;
import org.mesocosm.runtime.live.LiveDriver;
import org.mesocosm.runtime.policy.PolicyRegistry;

/**
 * A master as {@code mesocosm master} runs it (event loop, input log in a state directory, the
 * HTTP API on a free loopback port), in this JVM so that its heap can be measured.
 */
final class InProcessMaster implements AutoCloseable {
    private final LiveDriver driver;
    private final ApiServer server;

    InProcessMaster(String policy, Path stateDir) throws IOException {
        LiveDriver.Settings s = LiveDriver.Settings.defaults(policy).withStateDir(stateDir);
        driver = new LiveDriver(s, PolicyRegistry.load().create(policy), () -> System.currentTimeMillis() * 1000L, null).start();
        try {
            server = new ApiServer(driver, new InetSocketAddress("127.0.0.1", 0), ApiServer.DEFAULT_MAX_BODY_BYTES).start();
        } catch (IOException | RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    URI url() { return URI.create("http://127.0.0.1:" + server.port() + "/"); }

    @Override
    public void close() throws IOException {
        server.close();
        driver.close();
    }
}
