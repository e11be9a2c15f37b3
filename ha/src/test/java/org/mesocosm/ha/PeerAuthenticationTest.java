package org.mesocosm.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.ha.ReplicatedMastersTest.Master;
import org.mesocosm.runtime.security.Tls;

/**
 * The peer port takes only masters of the group (mutual TLS, issue 19). An outsider who reaches it
 * speaks Raft's own client protocol and proposes an entry that would tell every master that the
 * leader's API is at the attacker's address (so standbys would redirect clients, tokens and all,
 * there): without the peer certificate, and with a certificate the group does not trust, the
 * handshake is refused and no master applies it. A master started with a certificate the others
 * do not trust never joins.
 */
class PeerAuthenticationTest {
    private static final String JOB = "{\"kind\":\"batch\",\"tasks\":[{\"name\":\"t\",\"instances\":1,\"cpus\":0.1,\"mem\":16,\"command\":\"true\"}]}";
    private static final String ATTACKER_URL = "http://attacker.invalid:1";
    private static final HaNode.Timing FAST = ReplicatedMastersTest.FAST;
    private final ReplicatedMastersTest http = new ReplicatedMastersTest();

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void anOutsiderCannotAppendWithoutTheGroupsCertificate() throws Exception {
        Peers group = group();
        PeerCertificates certs = new PeerCertificates(group.ids());
        List<Master> masters = new ArrayList<>();
        try {
            for (String id : group.ids()) masters.add(ReplicatedMastersTest.start(tmp.resolve(id), group, id, FAST, certs.of(id)));
            Master leader = ReplicatedMastersTest.awaitLeader(masters, java.time.Duration.ofSeconds(60));
            HttpResponse<String> created = http.post(leader.url(), JOB);
            assertEquals(201, created.statusCode(), "three masters with mutual TLS acknowledge a job: " + created.body());
            for (Master m : masters) http.awaitMetric(m, "mesocosm_jobs_submitted_total", 1, java.time.Duration.ofSeconds(30));
            for (Master m : masters) awaitLeaderUrl(m, leader.url());

            // no TLS at all
            assertThrows(Exception.class, () -> propose(group, leader, new Parameters()), "a plaintext client appended to the replicated log");
            // TLS with a certificate of its own, trusting the masters' certificates (so only the masters' check of the client is at stake)
            PeerCertificates.Material stranger = PeerCertificates.make("m1");
            GrpcTlsConfig strangerTls = new GrpcTlsConfig(Tls.keyManagers(stranger.pair().getPrivate(), new X509Certificate[] {stranger.cert()})[0],
                    PeerTls.trustManager(certs.trusted()), true);
            assertThrows(Exception.class, () -> propose(group, leader, GrpcFactory.newRaftParameters(strangerTls)),
                    "a client with an untrusted certificate appended to the replicated log");

            Thread.sleep(2000); // an entry that got in would be applied by now
            for (Master m : masters) {
                assertEquals(leader.url().toString(), m.node().leaderUrl(), m.node().self() + " took the outsider's word for where the leader is");
            }
            // and the group still works
            assertEquals(201, http.post(leader.url(), JOB).statusCode());
        } finally {
            closeAll(masters);
        }
    }

    @Test
    @Timeout(180)
    void aMasterWithACertificateTheGroupDoesNotTrustNeverJoins() throws Exception {
        Peers group = group();
        PeerCertificates certs = new PeerCertificates(group.ids());
        PeerCertificates.Material impostor = PeerCertificates.make("m3");
        List<Master> masters = new ArrayList<>();
        try {
            masters.add(ReplicatedMastersTest.start(tmp.resolve("m1"), group, "m1", FAST, certs.of("m1")));
            masters.add(ReplicatedMastersTest.start(tmp.resolve("m2"), group, "m2", FAST, certs.of("m2")));
            // m3 presents a certificate of its own making; it trusts the genuine ones, so only the group's check of m3 keeps it out
            Master outsider = ReplicatedMastersTest.start(tmp.resolve("m3"), group, "m3", FAST,
                    new PeerTls(impostor.pair().getPrivate(), new X509Certificate[] {impostor.cert()}, certs.trusted()));
            masters.add(outsider);
            Master leader = ReplicatedMastersTest.awaitLeader(masters, java.time.Duration.ofSeconds(60));
            assertTrue(leader != outsider, "the master with the untrusted certificate was elected");
            assertEquals(201, http.post(leader.url(), JOB).statusCode());
            for (Master m : masters.subList(0, 2)) http.awaitMetric(m, "mesocosm_jobs_submitted_total", 1, java.time.Duration.ofSeconds(30));
            Thread.sleep(3000); // long enough for a heartbeat or an append to reach m3, were it let in
            assertTrue(outsider.node().appliedIndex() <= 0, "m3 applied entries of a group that does not trust it: " + outsider.node().appliedIndex());
            assertFalse(outsider.driver().leading(), "m3 leads");
            assertEquals(null, outsider.node().leaderUrl(), "m3 learnt the leader's URL from a group that does not trust it");
        } finally {
            closeAll(masters);
        }
    }

    /** An outsider's proposal through Raft's client protocol: a batch that names the attacker's URL as the leader's API. */
    private static void propose(Peers group, Master leader, Parameters parameters) throws Exception {
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        List<RaftPeer> peers = group.byId().entrySet().stream().map(e -> RaftPeer.newBuilder().setId(e.getKey()).setAddress(e.getValue()).build()).toList();
        byte[] entry = new ReplicatedBatch(42, leader.node().self(), ATTACKER_URL, new byte[0], Map.of()).encode();
        try (RaftClient c = RaftClient.newBuilder().setProperties(p).setParameters(parameters).setRaftGroup(RaftGroup.valueOf(HaNode.GROUP, peers))
                .setLeaderId(RaftPeerId.valueOf(leader.node().self())).setRetryPolicy(RetryPolicies.noRetry()).build()) {
            var reply = c.async().send(Message.valueOf(ByteString.copyFrom(entry))).get(20, TimeUnit.SECONDS);
            if (!reply.isSuccess()) throw new IllegalStateException("refused: " + reply.getException());
        }
    }

    private static void awaitLeaderUrl(Master m, URI want) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!want.toString().equals(m.node().leaderUrl())) {
            if (System.nanoTime() > deadline) throw new AssertionError(m.node().self() + " never learnt the leader's URL " + want + ": " + m.node().leaderUrl());
            Thread.sleep(50);
        }
    }

    private static Peers group() throws java.io.IOException {
        return ReplicatedMastersTest.loopbackGroup();
    }

    private static void closeAll(List<Master> masters) {
        for (Master m : masters) {
            try {
                m.close();
            } catch (Exception ignored) {
                // closed already
            }
        }
    }
}
