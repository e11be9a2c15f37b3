package org.mesocosm.cli.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.mesocosm.cli.security.MasterCertificate;
import org.mesocosm.ha.HaNode;
import org.mesocosm.ha.PeerTls;
import org.mesocosm.ha.Peers;
import org.mesocosm.runtime.live.AccessControl;
import org.mesocosm.runtime.live.ApiServer;
import org.mesocosm.runtime.live.LiveDriver;
import org.mesocosm.runtime.live.ReplicaRole;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.runtime.secrets.SecretStores;
import org.mesocosm.runtime.security.Acl;
import org.mesocosm.runtime.security.Credentials;
import org.mesocosm.runtime.security.Fingerprint;
import org.mesocosm.runtime.security.Tls;

/**
 * Three replicated masters as {@code mesocosm master --ha} runs them (Raft over loopback with
 * mutual TLS among them, each on its own state directory, each behind its HTTPS API), in this
 * JVM: the load goes to the leader, and the replicas' lag is sampled while it runs. One JVM holds
 * all three, so they share its cores and heap with the load generator, as three processes on
 * one machine would share the machine.
 */
final class InProcessHaGroup implements LoadMaster {
    static final int SIZE = 3;
    static final long SAMPLE_MILLIS = 100;

    private record Member(HaNode node, LiveDriver driver, ApiServer api) {}

    private final List<Member> members = new ArrayList<>();
    private final String pin;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final ReplicationLag lag = new ReplicationLag();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-ha-lag-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Member leader;
    private volatile boolean leaderLost;

    InProcessHaGroup(String policy, Path stateDir) throws IOException, InterruptedException {
        List<String> names = MasterCertificate.defaultNames("127.0.0.1", List.of());
        MasterCertificate api = MasterCertificate.ephemeral(names);
        pin = Fingerprint.of(api.chain()[0]);
        StringJoiner list = new StringJoiner(",");
        int[] ports = LoopbackPorts.distinct(SIZE);
        for (int i = 1; i <= SIZE; i++) list.add("m" + i + "=127.0.0.1:" + ports[i - 1]);
        Peers peers = Peers.parse(list.toString());
        List<MasterCertificate> peerCerts = new ArrayList<>();
        for (String id : peers.ids()) peerCerts.add(MasterCertificate.ephemeralPeer(id, names));
        List<X509Certificate> trusted = peerCerts.stream().map(c -> c.chain()[0]).toList();
        AccessControl access = new AccessControl(Credentials.of(Map.of(InProcessMaster.PRINCIPAL, token)), Acl.allowAll(), false, null, line -> { });
        try {
            for (int i = 0; i < SIZE; i++) {
                String id = peers.ids().get(i);
                Path dir = stateDir.resolve(id);
                HaNode node = new HaNode(peers, id, dir, HaNode.Timing.DEFAULT, new PeerTls(peerCerts.get(i).key(), peerCerts.get(i).chain(), trusted));
                LiveDriver driver = LiveDriver.replicated(LiveDriver.Settings.defaults(policy).withStateDir(dir), PolicyRegistry.load().create(policy),
                        () -> System.currentTimeMillis() * 1000L, null, SecretStores.open(dir, null), node.journal(), node).start();
                driver.onLogFailure(e -> lag.problem(id + " stopped taking inputs (the CLI's master would exit here): " + e.getMessage()));
                // every load agent and client comes from 127.0.0.1: the per-address cap would refuse the load generator itself
                ApiServer server = new ApiServer(driver, new InetSocketAddress("127.0.0.1", 0), ApiServer.DEFAULT_MAX_BODY_BYTES,
                        Tls.server(api.key(), api.chain()), access).withRequestsPerAddress(Integer.MAX_VALUE).start();
                members.add(new Member(node, driver, server));
                node.start(driver, "https://127.0.0.1:" + server.port());
            }
            leader = awaitLeader(60);
        } catch (IOException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        sampler.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private Member awaitLeader(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            List<Member> leading = members.stream().filter(m -> m.driver().leading() && m.node().leaderUrl() != null).toList();
            if (leading.size() == 1) return leading.get(0);
            Thread.sleep(50);
        }
        throw new IllegalStateException("the " + SIZE + " masters elected no leader within " + seconds + " s");
    }

    private void sample() {
        List<ReplicaRole> standbys = members.stream().filter(m -> m != leader).map(m -> (ReplicaRole) m.node()).toList();
        lag.sample(leader.node().followers().values(), standbys);
        if (!leaderLost && !leader.driver().leading()) {
            leaderLost = true;
            lag.problem(leader.node().self() + " stopped leading during the run (the load went to it alone)");
        }
    }

    @Override
    public URI url() { return URI.create("https://127.0.0.1:" + leader.api().port() + "/"); }

    @Override
    public SSLContext clientTls() { return Tls.pinned(pin); }

    @Override
    public String token() { return token; }

    @Override
    public ReplicationLag lag() { return lag; }

    @Override
    public void close() throws IOException {
        sampler.shutdownNow();
        for (Member m : members) {
            m.api().close();
            m.node().close();
            m.driver().close();
        }
    }
}
