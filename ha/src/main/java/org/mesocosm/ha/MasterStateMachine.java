package org.mesocosm.ha;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.mesocosm.runtime.live.LiveDriver;

/**
 * The Ratis state machine of a replicated master: every committed entry of the log is a batch of
 * master inputs ({@link ReplicatedBatch}), applied in log order to this process's master core. A
 * standby applies them all; the leader skips the entries it proposed itself in this life, since
 * it handled those inputs when it fed them (their answers waited for the commit).
 *
 * <p>Ratis tells when this master becomes the leader and has applied the whole committed log
 * ({@link #notifyLeaderReady}): only then does it act. Losing the leadership after acting is
 * fail-stop (see {@link ReplicatedJournal}).
 */
final class MasterStateMachine extends BaseStateMachine {
    private final long incarnation;
    private final String self;
    /** The API URL each master announced in its last entry: where standbys send clients. */
    private final Map<String, String> apiUrls = new ConcurrentHashMap<>();
    private volatile LiveDriver driver;
    private volatile Runnable onLeaderReady = () -> { };
    private volatile Consumer<String> onLeaderChanged = id -> { };

    MasterStateMachine(long incarnation, String self) {
        this.incarnation = incarnation;
        this.self = self;
    }

    /** Before the Raft server starts: the master the entries are applied to, and what to do when leadership comes or goes. */
    void attach(LiveDriver driver, Runnable onLeaderReady, Consumer<String> onLeaderChanged) {
        this.driver = driver;
        this.onLeaderReady = onLeaderReady;
        this.onLeaderChanged = onLeaderChanged;
    }

    String apiUrl(String masterId) {
        return masterId == null ? null : apiUrls.get(masterId);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        RaftProtos.LogEntryProto entry = trx.getLogEntry();
        ReplicatedBatch batch;
        try {
            batch = ReplicatedBatch.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
        } catch (IOException e) {
            // every replica fails on the same entry: nothing past it can be applied consistently
            return CompletableFuture.failedFuture(new IOException("replicated log entry " + entry.getIndex() + ": " + e.getMessage(), e));
        }
        if (!batch.apiUrl().isEmpty()) apiUrls.put(batch.proposer(), batch.apiUrl());
        // Applied here in Ratis's order (it also moves the index itself for its own entries, so it must move in call order); the
        // master applies on its event loop, in the same order, before anything later posted there (a promotion, a request)
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        if (batch.incarnation() == incarnation) return CompletableFuture.completedFuture(Message.EMPTY); // handled when it was fed
        try {
            return driver.applyReplicated(batch.inputs(), batch.jobUsers()).thenApply(v -> Message.EMPTY);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IOException("replicated log entry " + entry.getIndex() + ": " + e.getMessage(), e));
        }
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
