package org.mesocosm.ha;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.LogRecords;
import org.mesocosm.runtime.secrets.SecretChange;

/**
 * The Ratis state machine of a replicated master: every committed entry of the log is a batch of
 * master inputs ({@link ReplicatedBatch}), applied in log order to this process's master core. A
 * standby applies them all; the leader skips the entries it proposed itself in this life, since
 * it handled those inputs when it fed them (their answers waited for the commit).
 *
 * <p>Ratis tells when this master becomes the leader and has applied the whole committed log
 * ({@link #notifyLeaderReady}): only then does it act. Losing the leadership after acting is
 * fail-stop (see {@link ReplicatedJournal}).
 *
 * <p>Snapshots ({@link ReplicaSnapshot}) compact the log: a master is rebuilt by replaying its
 * inputs, so a snapshot holds every input applied up to its index (in the single master's
 * snapshot format) plus the job users, API URLs and sealed secrets. The inputs since the last
 * snapshot are kept here, framed; a new snapshot is the previous one's inputs and those. A
 * restarted master loads its latest snapshot, then Ratis applies the log after it; a master that
 * fell behind the leader's compacted log gets the leader's snapshot file (Ratis install-snapshot,
 * chunked) and applies the inputs of it that it lacks ({@link #reinitialize}).
 */
final class MasterStateMachine extends BaseStateMachine {
    /** What this master learned from a snapshot, for the operator and the tests. */
    record SnapshotEvent(String kind, long index, long inputs, long bytes, long millis) {}

    private final long incarnation;
    private final String self;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    /** The API URL each master announced in its last entry: where standbys send clients. */
    private final Map<String, String> apiUrls = new ConcurrentHashMap<>();
    // ---- the replicated state beside the master core, guarded by this ----
    /** Inputs applied since {@link #base}, framed as the log entries hold them. */
    private final ByteArrayOutputStream sinceBase = new ByteArrayOutputStream();
    /** Users of every job submitted so far (job id -> user; null: the agent's own user). */
    private final Map<String, String> jobUsers = new TreeMap<>();
    /** Every secret, sealed, by name. */
    private final Map<String, SecretChange> secrets = new TreeMap<>();
    /** The latest snapshot this master wrote or loaded; null: none yet. */
    private java.nio.file.Path base;
    private volatile SingleFileSnapshotInfo latest;
    /** Inputs applied so far (those in {@link #base} included). */
    private long inputs;
    /** Work that waits for {@link #attach}: a snapshot loaded while Ratis initialised, before the driver existed. */
    private final List<Consumer<Replica>> beforeAttach = new ArrayList<>();
    private final List<SnapshotEvent> events = new ArrayList<>();
    private volatile Replica replica;
    private volatile Runnable onLeaderReady = () -> { };
    private volatile Consumer<String> onLeaderChanged = id -> { };

    /** The master the entries are applied to (a {@code LiveDriver}, through {@link HaNode}). */
    interface Replica {
        /** Applies inputs and secret changes the leader committed, in order; {@code replaceSecrets}: the changes are every secret there is. */
        CompletableFuture<Void> apply(List<InputLog.Entry> inputs, Map<String, String> jobUsers, List<SecretChange> secrets, boolean replaceSecrets);
    }

    MasterStateMachine(long incarnation, String self) {
        this.incarnation = incarnation;
        this.self = self;
    }

    /** Before the Raft server starts: the master the entries are applied to, and what to do when leadership comes or goes. */
    void attach(Replica replica, Runnable onLeaderReady, Consumer<String> onLeaderChanged) {
        this.onLeaderReady = onLeaderReady;
        this.onLeaderChanged = onLeaderChanged;
        synchronized (this) {
            this.replica = replica;
            beforeAttach.forEach(w -> w.accept(replica));
            beforeAttach.clear();
        }
    }

    String apiUrl(String masterId) {
        return masterId == null ? null : apiUrls.get(masterId);
    }

    /** Snapshots taken, loaded at start and installed from the leader, in order. */
    synchronized List<SnapshotEvent> snapshotEvents() {
        return List.copyOf(events);
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> { // RUNNING, so that Ratis can pause it to install a snapshot
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            load("loaded");
        });
    }

    /** Before Ratis installs the leader's snapshot: nothing is applied until {@link #reinitialize}. */
    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** After Ratis installed the leader's snapshot in this master's storage (this master was behind the leader's compacted log). */
    @Override
    public void reinitialize() throws IOException {
        load("installed");
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return latest; // not storage.getLatestSnapshot(): with no snapshot yet it fails (Ratis 3.1.3) instead of answering null
    }

    /** The newest snapshot file in storage, or null (an installed snapshot arrives there by rename, behind our back). */
    private SingleFileSnapshotInfo findLatest() throws IOException {
        java.nio.file.Path sm = storage.getSnapshotFile(0, 0).toPath().getParent(); // the state machine's directory
        if (!java.nio.file.Files.isDirectory(sm)) return null;
        SingleFileSnapshotInfo best = null;
        try (var files = java.nio.file.Files.list(sm)) {
            for (java.nio.file.Path f : files.toList()) {
                if (!SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(f.getFileName().toString()).matches()) continue;
                TermIndex ti = SimpleStateMachineStorage.getTermIndexFromSnapshotFile(f.toFile());
                if (best != null && best.getIndex() >= ti.getIndex()) continue;
                File md5File = MD5FileUtil.getDigestFileForFile(f.toFile());
                MD5Hash md5 = md5File.exists() ? MD5FileUtil.readStoredMd5ForFile(f.toFile()) : null;
                best = new SingleFileSnapshotInfo(new FileInfo(f, md5), ti);
            }
        }
        return best;
    }

    /** Loads the latest snapshot in storage and applies what of it this master lacks. */
    private synchronized void load(String kind) throws IOException {
        long t0 = System.nanoTime();
        SingleFileSnapshotInfo info = findLatest();
        if (info == null) return;
        latest = info;
        java.nio.file.Path file = info.getFile().getPath();
        ReplicaSnapshot snap = ReplicaSnapshot.read(file);
        if (snap.records() < inputs) {
            throw new IOException(file + ": holds " + snap.records() + " inputs but this master applied " + inputs + " already");
        }
        byte[] raw = snap.rawRecords(file.toString());
        List<InputLog.Entry> all = LogRecords.decodeAll(raw, 0, raw.length);
        List<InputLog.Entry> missing = List.copyOf(all.subList((int) inputs, all.size())); // this master applied the rest already
        Map<String, String> users = new LinkedHashMap<>(snap.jobUsers());
        List<SecretChange> sealed = snap.secrets();
        jobUsers.putAll(users);
        secrets.clear();
        sealed.forEach(c -> secrets.put(c.name(), c));
        apiUrls.putAll(snap.apiUrls());
        inputs = snap.records();
        sinceBase.reset();
        base = file;
        setLastAppliedTermIndex(info.getTermIndex());
        Consumer<Replica> work = r -> r.apply(missing, users, sealed, true);
        if (replica != null) work.accept(replica);
        else beforeAttach.add(work);
        SnapshotEvent e = new SnapshotEvent(kind, info.getIndex(), snap.records(), java.nio.file.Files.size(file), (System.nanoTime() - t0) / 1_000_000);
        events.add(e);
        System.err.println(java.time.Instant.now() + " mesocosm master " + self + ": snapshot " + kind + " at log index " + e.index() + ": "
                + e.inputs() + " inputs (" + missing.size() + " new to this master), " + e.bytes() + " bytes");
    }

    @Override
    public synchronized long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) return RaftLog.INVALID_LOG_INDEX;
        long t0 = System.nanoTime();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        if (base != null) raw.writeBytes(ReplicaSnapshot.read(base).rawRecords(base.toString()));
        sinceBase.writeTo(raw);
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        ReplicaSnapshot snap = ReplicaSnapshot.of(inputs, raw.toByteArray(), jobUsers, new TreeMap<>(apiUrls), List.copyOf(secrets.values()));
        long bytes = snap.write(file.toPath());
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        latest = new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last);
        storage.updateLatestSnapshot(latest); // for its clean-up of old snapshots
        base = file.toPath();
        sinceBase.reset();
        SnapshotEvent e = new SnapshotEvent("taken", last.getIndex(), inputs, bytes, (System.nanoTime() - t0) / 1_000_000);
        events.add(e);
        System.err.println(java.time.Instant.now() + " mesocosm master " + self + ": snapshot taken at log index " + e.index() + ": "
                + e.inputs() + " inputs, " + e.bytes() + " bytes, " + e.millis() + " ms");
        return last.getIndex();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        RaftProtos.LogEntryProto entry = trx.getLogEntry();
        ReplicatedBatch batch;
        List<InputLog.Entry> decoded;
        try {
            batch = ReplicatedBatch.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
            // the leader handled its own entries' inputs when it fed them: it only counts them (decoding every job's JSON again
            // cost the leader's apply thread about as much as a standby's)
            decoded = batch.incarnation() == incarnation ? null : batch.inputs();
        } catch (IOException e) {
            // every replica fails on the same entry: nothing past it can be applied consistently
            return CompletableFuture.failedFuture(new IOException("replicated log entry " + entry.getIndex() + ": " + e.getMessage(), e));
        }
        if (!batch.apiUrl().isEmpty()) apiUrls.put(batch.proposer(), batch.apiUrl());
        Replica r;
        synchronized (this) {
            // what a snapshot taken after this entry must hold
            sinceBase.writeBytes(batch.records());
            inputs += decoded == null ? batch.recordCount() : decoded.size();
            jobUsers.putAll(batch.jobUsers());
            for (SecretChange c : batch.secrets()) {
                if (c.deleted()) secrets.remove(c.name());
                else secrets.put(c.name(), c);
            }
            // Applied here in Ratis's order (it also moves the index itself for its own entries, so it must move in call order); the
            // master applies on its event loop, in the same order, before anything later posted there (a promotion, a request)
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            r = replica;
        }
        if (decoded == null) return CompletableFuture.completedFuture(Message.EMPTY); // this master's own: handled when it was fed
        return r.apply(decoded, batch.jobUsers(), batch.secrets(), false).thenApply(v -> Message.EMPTY);
    }

    @Override
    public void notifyLeaderReady() {
        onLeaderReady.run();
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        onLeaderChanged.accept(newLeaderId == null ? null : newLeaderId.toString());
    }

    @Override
    public void notifyNotLeader(java.util.Collection<TransactionContext> pending) {
        onLeaderChanged.accept(null);
    }

    @Override
    public String toString() {
        return "MasterStateMachine[" + self + "]";
    }
}
