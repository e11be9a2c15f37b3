package org.mesocosm.ha;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.mesocosm.runtime.live.LiveDriver;
import org.mesocosm.runtime.live.ReplicaRole;
import org.mesocosm.runtime.log.InputJournal;

/**
 * One master of a replicated group: the Raft server (Apache Ratis) that replicates the input log
 * among the masters, the state machine that applies it to this master, and the journal through
 * which this master, when it leads, proposes its inputs. Use: {@link #journal()} and this (as the
 * {@link ReplicaRole}) to make the driver ({@link LiveDriver#replicated}), start its API, then
 * {@link #start} with the API's URL.
 */
public final class HaNode implements ReplicaRole, AutoCloseable {
    /** All masters of one group share it; a peer of another group cannot join by mistake. */
    static final RaftGroupId GROUP = RaftGroupId.valueOf(UUID.nameUUIDFromBytes("mesocosm-masters".getBytes(StandardCharsets.UTF_8)));
    /** Longest a proposal may wait for a majority; past it this master gives up leading (fail-stop). */
    static final long COMMIT_TIMEOUT_SECONDS = 20;
    /**
     * Entries the leader may have proposed and not yet seen committed ({@link ReplicatedJournal}):
     * pipelined, so that an input does not wait for the round trip of the entry before it. This
     * system property is for comparison runs only (1: one entry at a time, as before pipelining).
     */
    public static final String MAX_IN_FLIGHT_PROPERTY = "mesocosm.ha.maxInFlight";

    /**
     * Raft timing. Elections start after a random wait in [electionMin, electionMax] without
     * hearing from a leader; a leader that hears from no majority for {@code stepDown} steps down.
     */
    public record Timing(TimeDuration electionMin, TimeDuration electionMax, TimeDuration stepDown) {
        /** Ratis's defaults (150-300 ms) elect needlessly when a loaded 2-core machine pauses a JVM; a second or two does not. */
        public static final Timing DEFAULT = new Timing(TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS),
                TimeDuration.valueOf(2000, TimeUnit.MILLISECONDS), TimeDuration.valueOf(5, TimeUnit.SECONDS));
    }

    /**
     * How the replicated log is compacted: a snapshot ({@link ReplicaSnapshot}) after every
     * {@code snapshotEvery} entries (0: never), and the log segments it covers deleted; the log is
     * written in segments of at most {@code segmentMax}, and only whole segments are deleted.
     */
    public record Compaction(long snapshotEvery, SizeInBytes segmentMax) {
        /** As many entries as the single master's default snapshot has records; 4 MiB segments. */
        public static final Compaction DEFAULT = new Compaction(10_000, SizeInBytes.valueOf("4MB"));

        public Compaction {
            if (snapshotEvery < 0) throw new IllegalArgumentException("snapshot interval must be 0 or more entries, got " + snapshotEvery);
        }
    }

    private final String self;
    private final Peers peers;
    private final long incarnation = new SecureRandom().nextLong();
    private final MasterStateMachine stateMachine;
    private final RaftServer server;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private volatile ReplicatedJournal journal;
    private volatile LiveDriver driver;
    private volatile RaftServer.Division division;
    /** Whether this master started on an empty state dir (first start, or a lost disk: see {@link WipedRejoin}). */
    private final boolean fresh;
    /** For this master's own client calls to its peers (the rejoin after a lost state dir): the servers' transport settings. */
    private final RaftProperties clientProperties;
    /** The peer transport's TLS (none with {@code --peer-tls off}): the server's and this master's own client calls to its peers. */
    private final Parameters transport;
    /** The peer TLS material, for its expiry in /metrics; null with {@code --peer-tls off}. */
    private final PeerTls tls;

    /**
     * @param tls mutual TLS among the masters, or null for a plaintext, unauthenticated peer port
     *            (anyone who reaches it can append to the log: {@code --peer-tls off} only)
     */
    public HaNode(Peers peers, String self, Path stateDir, Timing timing, PeerTls tls) throws IOException {
        this(peers, self, stateDir, timing, tls, Compaction.DEFAULT);
    }

    /**
     * @param tls mutual TLS among the masters, or null for a plaintext, unauthenticated peer port
     * @param compaction when the replicated log is compacted into a snapshot
     */
    public HaNode(Peers peers, String self, Path stateDir, Timing timing, PeerTls tls, Compaction compaction) throws IOException {
        if (!peers.byId().containsKey(self)) throw new IllegalArgumentException("--id " + self + " is not among --peers " + peers.ids());
        this.self = self;
        this.peers = peers;
        this.stateMachine = new MasterStateMachine(incarnation, self);
        Path dir = stateDir.resolve("ratis");
        boolean existing = Files.isDirectory(dir) && hasContent(dir);
        this.fresh = !existing;
        Files.createDirectories(dir);
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(dir.toFile()));
        // the peer port binds at --peer-listen (default: this master's --peers address, never every interface unless told 0.0.0.0);
        // the others dial the --peers address, which is what Raft's configuration holds
        GrpcConfigKeys.Server.setHost(p, peers.listenHost(self));
        GrpcConfigKeys.Server.setPort(p, peers.listenPort(self));
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, timing.electionMin());
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, timing.electionMax());
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, timing.stepDown());
        // compaction: a snapshot every N entries; the log up to it is deleted, whole segments at a time. A master whose log is
        // behind the leader's first entry is sent the leader's snapshot file in chunks (install-snapshot, Ratis's default)
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, compaction.snapshotEvery() > 0);
        if (compaction.snapshotEvery() > 0) RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, compaction.snapshotEvery());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, 1);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, compaction.segmentMax());
        this.clientProperties = p;
        this.transport = tls == null ? new Parameters() : GrpcFactory.newRaftParameters(tls.grpc());
        this.tls = tls;
        List<RaftPeer> group = peers.byId().entrySet().stream()
                .map(e -> RaftPeer.newBuilder().setId(e.getKey()).setAddress(e.getValue()).build()).toList();
        this.server = RaftServer.newBuilder().setServerId(RaftPeerId.valueOf(self)).setStateMachine(stateMachine).setProperties(p)
                .setGroup(RaftGroup.valueOf(GROUP, group)).setParameters(transport)
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT).build();
    }

    private static boolean hasContent(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    /** How the driver gets its journal: this master's proposals to the replicated log. */
    public Function<LongConsumer, InputJournal> journal() {
        return onDurable -> {
            journal = new ReplicatedJournal(this::propose, onDurable, incarnation, self,
                    Integer.getInteger(MAX_IN_FLIGHT_PROPERTY, ReplicatedJournal.DEFAULT_MAX_IN_FLIGHT));
            return journal;
        };
    }

    /** Starts replicating: the driver applies the log from now on, and leads when elected. */
    public HaNode start(LiveDriver driver, String apiUrl) throws IOException {
        if (journal == null) throw new IllegalStateException("make the driver with journal() first");
        this.driver = driver;
        journal.apiUrl(apiUrl);
        stateMachine.attach(driver::applyReplicated, this::leaderReady, this::leaderChanged);
        server.start();
        division = server.getDivision(GROUP);
        if (fresh) WipedRejoin.start(division.getGroup(), RaftPeerId.valueOf(self), clientProperties, transport, this::commitIndex,
                () -> division.getInfo().isLeader(), 120_000);
        return this;
    }

    private void leaderReady() {
        System.err.println(java.time.Instant.now() + " mesocosm master " + self + ": elected leader in term " + term() + "; taking over once the log is applied");
        driver.promote().thenRun(journal::announce);
    }

    private void leaderChanged(String newLeader) {
        if (driver != null && driver.leading() && !self.equals(newLeader)) {
            journal.fail(new IOException("this master (" + self + ") is no longer the leader (now: " + (newLeader == null ? "none" : newLeader)
                    + "); inputs it handled may not be in the replicated log, so it must restart as a standby"));
        }
    }

    /**
     * Proposes one entry to the replicated log (this master must lead). Ratis gives it its log
     * index inside this call: {@code submitClientRequestAsync} appends it to the leader's log under
     * the server's lock before it returns the future, so entries proposed one after the other by one
     * thread are logged in that order ({@link ReplicatedJournal} checks the indexes it gets back).
     * The future gives the entry's log index once a majority has it (each master forced it to its
     * disk first), or fails: refused, or no majority within {@link #COMMIT_TIMEOUT_SECONDS}.
     */
    CompletableFuture<Long> propose(byte[] entry) {
        RaftClientRequest req = RaftClientRequest.newBuilder().setClientId(clientId).setServerId(RaftPeerId.valueOf(self)).setGroupId(GROUP)
                .setCallId(callIds.incrementAndGet()).setMessage(Message.valueOf(ByteString.copyFrom(entry)))
                .setType(RaftClientRequest.writeRequestType()).build();
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = server.submitClientRequestAsync(req);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IOException("the replicated log refused an entry: " + e.getMessage(), e));
        }
        return reply.orTimeout(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS).handle((r, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                throw new CompletionException(cause instanceof TimeoutException
                        ? new IOException("no majority of the masters committed an entry within " + COMMIT_TIMEOUT_SECONDS + " s")
                        : new IOException("the replicated log refused an entry: " + cause, cause));
            }
            if (!r.isSuccess()) {
                throw new CompletionException(new IOException("the replicated log refused an entry: "
                        + (r.getException() == null ? "no reason given" : r.getException().getMessage())));
            }
            return r.getLogIndex();
        });
    }

    @Override
    public String self() { return self; }

    @Override
    public String leaderId() {
        RaftServer.Division d = division;
        if (d == null) return null;
        RaftPeerId id = d.getInfo().getLeaderId();
        return id == null ? null : id.toString();
    }

    @Override
    public String leaderUrl() {
        return stateMachine.apiUrl(leaderId());
    }

    @Override
    public long term() {
        RaftServer.Division d = division;
        return d == null ? 0 : d.getInfo().getCurrentTerm();
    }

    @Override
    public long commitIndex() {
        RaftServer.Division d = division;
        return d == null ? -1 : d.getRaftLog().getLastCommittedIndex();
    }

    @Override
    public long appliedIndex() {
        RaftServer.Division d = division;
        return d == null ? -1 : d.getInfo().getLastAppliedIndex();
    }

    /**
     * The leader's view of its followers: how many entries of its log each does not hold yet (the
     * leader's last log index minus the follower's match index: the last index the follower
     * confirmed it wrote to its log), and the time since each last answered (its role info).
     * Ratis keeps the match index in its leader state, outside its public API; its log appender
     * publishes it as a gauge ({@code follower_ID_match_index}, ratis-metrics), read from there.
     * That gauge keeps the first appender's value source when Ratis restarts an appender (a
     * metric registry returns the gauge already registered under a name), so it can go stale;
     * the commit index a follower reported bounds its match index from below (a follower's
     * committed entries are the leader's), so the match index used is the larger of the two.
     */
    @Override
    public Map<String, FollowerLag> followers() {
        RaftServer.Division d = division;
        if (d == null || !d.getInfo().isLeader()) return Map.of();
        long last = d.getRaftLog().getNextIndex() - 1;
        Map<String, Long> contact = new HashMap<>();
        RaftProtos.RoleInfoProto role = d.getInfo().getRoleInfoProto();
        if (role.hasLeaderInfo()) {
            for (RaftProtos.ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
                contact.put(f.getId().getId().toStringUtf8(), f.getLastRpcElapsedTimeMs());
            }
        }
        Map<String, Long> reported = new HashMap<>();
        for (RaftProtos.CommitInfoProto c : d.getCommitInfos()) {
            String id = c.getServer().getId().toStringUtf8();
            if (!id.equals(self)) reported.put(id, c.getCommitIndex());
        }
        Map<String, Long> matched = FollowerMatchIndex.of(d.getMemberId().toString(), reported.keySet());
        Map<String, FollowerLag> out = new TreeMap<>();
        reported.forEach((id, commit) -> {
            long match = Math.max(commit, matched.getOrDefault(id, commit));
            out.put(id, new FollowerLag(Math.max(0, last - match), contact.getOrDefault(id, -1L)));
        });
        return out;
    }

    /**
     * When this master's peer certificate expires ({@code peer-cert}), and the earliest of the
     * certificates it trusts ({@code peer-trust}); empty without peer TLS.
     */
    @Override
    public Map<String, java.time.Instant> peerCertificateExpiry() {
        if (tls == null) return Map.of();
        Map<String, java.time.Instant> out = new TreeMap<>();
        out.put("peer-cert", tls.chain()[0].getNotAfter().toInstant());
        out.put("peer-trust", PeerCertificateExpiry.earliest(tls.trusted()));
        return out;
    }

    /** Snapshots this master took, loaded at start, or installed from the leader, in order. */
    public List<String> snapshots() {
        return stateMachine.snapshotEvents().stream().map(Object::toString).toList();
    }

    /** How many snapshots this master installed from the leader (it was behind the leader's compacted log). */
    public long snapshotsInstalled() {
        return stateMachine.snapshotEvents().stream().filter(e -> e.kind().equals("installed")).count();
    }

    /** Asks the leader (this master) to hand the leadership to {@code id} (tests: to make a given master lead). */
    void transferLeadership(String id, long timeoutMillis) throws IOException {
        RaftClientReply reply;
        try {
            reply = server.transferLeadershipAsync(new org.apache.ratis.protocol.TransferLeadershipRequest(clientId, RaftPeerId.valueOf(self), GROUP,
                    callIds.incrementAndGet(), RaftPeerId.valueOf(id), timeoutMillis)).get(timeoutMillis + 5000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("transferring the leadership to " + id + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (!reply.isSuccess()) throw new IOException("transferring the leadership to " + id + " failed: " + reply.getException());
    }

    /** Index of the first entry this master's log still holds (entries before it were compacted into a snapshot). */
    public long logStartIndex() {
        RaftServer.Division d = division;
        return d == null ? -1 : d.getRaftLog().getStartIndex();
    }

    /** The masters of the group. */
    public Peers peers() { return peers; }

    /** This process's incarnation: the entries it proposes carry it, so that it does not apply them twice. */
    long incarnation() { return incarnation; }

    @Override
    public void close() throws IOException {
        server.close();
        if (journal != null) journal.close();
    }
}
