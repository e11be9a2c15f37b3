package org.mesocosm.ha;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * A master whose state dir was lost rejoins its group. Raft assumes a member never loses what it
 * wrote, so the leader still believes this master holds the log up to where it last matched, and
 * keeps offering it entries from there (which it no longer has) instead of its snapshot. A master
 * that starts on an empty state dir therefore asks the leader how far it thinks this master got;
 * if that is more than this master has, it has the leader drop it from the group and add it back
 * (two configuration changes, committed by the majority): a member just added is brought up to
 * date from the leader's latest snapshot (install-snapshot), then the log after it.
 *
 * <p>While this master is out of the group the other two form it alone, so for those few seconds
 * the group does not survive the loss of another master.
 */
final class WipedRejoin {
    private WipedRejoin() {}

    /**
     * Runs in the background after the Raft server started on an empty state dir; gives up after
     * {@code patienceMillis} without a leader (a group starting for the first time has no stale view).
     *
     * @param ownCommitIndex this master's commit index now
     * @param selfLeads whether this master leads now (then it stops: a leader's log is the one the others follow)
     */
    static Thread start(RaftGroup group, RaftPeerId self, RaftProperties clientProperties, Parameters transport, LongSupplier ownCommitIndex,
                        java.util.function.BooleanSupplier selfLeads, long patienceMillis) {
        Thread t = new Thread(() -> {
            try {
                run(group, self, clientProperties, transport, ownCommitIndex, selfLeads, patienceMillis);
            } catch (IOException | RuntimeException e) {
                System.err.println(java.time.Instant.now() + " mesocosm master " + self + ": could not rejoin after losing the state dir: " + e.getMessage()
                        + "; it will catch up only if the leader changes");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mesocosm-ha-rejoin");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void run(RaftGroup group, RaftPeerId self, RaftProperties properties, Parameters transport, LongSupplier ownCommitIndex,
                            java.util.function.BooleanSupplier selfLeads, long patienceMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        try (RaftClient client = RaftClient.newBuilder().setRaftGroup(group).setProperties(properties).setParameters(transport).build()) {
            while (System.nanoTime() < deadline) {
                // a master that leads has nothing to rejoin (the others follow its log); without this the first leader of a new group
                // asked its followers who leads twice a second for the whole patience (2 minutes), over new TLS connections
                if (selfLeads.getAsBoolean()) return;
                for (RaftPeer peer : group.getPeers()) {
                    if (peer.getId().equals(self)) continue;
                    GroupInfoReply info;
                    try {
                        info = client.getGroupManagementApi(peer.getId()).info(group.getGroupId());
                    } catch (IOException | RuntimeException e) {
                        continue; // down, not started yet, or too slow to answer (gRPC fails with unchecked exceptions)
                    }
                    if (info.getRoleInfoProto().getRole() != RaftProtos.RaftPeerRole.LEADER) continue;
                    long believed = info.getCommitInfos().stream().filter(c -> RaftPeerId.valueOf(c.getServer().getId()).equals(self))
                            .mapToLong(RaftProtos.CommitInfoProto::getCommitIndex).max().orElse(-1);
                    long own = ownCommitIndex.getAsLong();
                    if (believed <= own) return; // the leader's view of this master is not ahead of what it has: nothing to redo
                    System.err.println(java.time.Instant.now() + " mesocosm master " + self + ": the leader " + peer.getId() + " believes this master has the log up to "
                            + believed + " but its state dir is new (up to " + own + "): rejoining, to be sent the leader's snapshot");
                    List<RaftPeer> others = group.getPeers().stream().filter(p -> !p.getId().equals(self)).toList();
                    check(client.admin().setConfiguration(others), "leaving the group");
                    check(client.admin().setConfiguration(List.copyOf(group.getPeers())), "joining the group again");
                    return;
                }
                Thread.sleep(500);
            }
        }
    }

    private static void check(RaftClientReply reply, String what) throws IOException {
        if (!reply.isSuccess()) throw new IOException(what + ": " + reply.getException());
    }
}
