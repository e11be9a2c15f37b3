package org.mesocosm.policies.omega;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.master.Task;

/** A job as one Omega scheduler holds it: its pending tasks, and where it is in the scheduler's cycle. */
final class OmegaJob {
    final String id;
    final OmegaLane lane;
    /** Pending tasks not yet placed, in the order they became pending. */
    final List<Task> tasks = new ArrayList<>();
    /** In its lane's queue. */
    boolean queued;
    /** Waiting for room: its last attempt found no machine for some task. */
    boolean parked;
    /** An attempt at it has been decided and waits for its commit (the scheduler's decision time). */
    boolean deciding;
    /** Its last transaction had a claim fail at commit (it retries from a fresh snapshot). */
    boolean conflicted;

    OmegaJob(String id, OmegaLane lane) {
        this.id = id;
        this.lane = lane;
    }
}
