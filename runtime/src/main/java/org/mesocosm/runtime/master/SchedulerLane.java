package org.mesocosm.runtime.master;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One of several schedulers inside a policy that decide in parallel (the Omega paper's
 * two-level and shared-state architectures: Mesos frameworks, Omega's service and batch
 * schedulers). A lane decides one thing at a time, in the order submitted; different lanes
 * overlap. The policy never charges time itself: the driver does.
 *
 * <p>{@link #submit}: when the lane is free, {@code decide} runs on the master's state as it is at
 * that moment (it reads, and calls {@link PlacementContext#considering} for each task it tries; it
 * must not launch, preempt or hold anything); the lane is then busy for that decision's time
 * (zero, the model's t_job + t_task x tasks considered with the lane's {@link DecisionPaths}, or
 * the CPU time measured), and {@code commit} runs with decide's result when that time has passed,
 * on the state as it is then: what changed meanwhile (a task withdrawn, a machine filled by
 * another lane) is the committer's to check. That gap is the architecture: a Mesos framework
 * holds its offer through it (pessimistic), an Omega scheduler finds its conflicts at commit
 * (optimistic).
 *
 * <p>Under a driver that does not charge decision time (live mode, where deciding takes the real
 * time it takes, or {@code --decision-time zero}) {@code commit} runs at once, right after
 * {@code decide}, in the same call.
 *
 * <p>Decisions on one lane never nest: a {@code submit} made from inside that lane's own
 * {@code decide} or {@code commit} (a retry, a follow-up) is queued and runs once that commit has
 * returned, in every driver; a submit to another lane from inside a commit starts at once if
 * that lane is free.
 *
 * <p>Wasted time: a decision whose commit placed nothing counts as wasted scheduler time; a
 * commit that placed something but whose transaction failed as a whole (an optimistic claim that
 * conflicted) says so with {@link #commitFailed()}.
 */
public interface SchedulerLane {

    /** The lane's name, unique within its policy: the key of its statistics (e.g. {@code service}, {@code batch-1}). */
    String name();

    /** Queues one decision; see the class comment. */
    <T> void submit(Supplier<T> decide, Consumer<T> commit);

    /** True while a decision is queued or in progress on this lane. */
    boolean busy();

    /**
     * Called from inside a {@code commit}: the decision being committed failed (its transaction
     * conflicted, its offer was gone), so the time spent deciding it counts as wasted even if the
     * commit placed something. A driver that does not charge decision time ignores it.
     */
    default void commitFailed() {}

    /**
     * The task's job waits on this lane from now (say, for an allocator's next offer round) though
     * no decision of the lane considers it yet: for a driver that keeps job waits per lane, the time
     * until another lane considers the job (or says it waits there) or until its placement is this
     * lane's. A lane that considers a job holds it without being told. Changes no decision.
     */
    default void waitsHere(Task task) {}

    /**
     * This lane does its deciding in its commits, not only in its decides (a Mesos framework that
     * places on the offers it held when its decision time is over; the allocator, whose commit is
     * the offer round): a driver that measures decision time charges the CPU time of the lane's
     * commits too, keeping the lane busy that much longer after each. Under {@code zero} and a model
     * it changes nothing. Called once, at {@link PlacementPolicy#init}.
     */
    default void decidesAtCommit() {}

    /** A lane that decides in zero time: commit runs at once. What drivers without decision time give. */
    static SchedulerLane immediate(String name) {
        return new SchedulerLane() {
            private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
            private boolean running;

            @Override public String name() { return name; }

            @Override
            public <T> void submit(Supplier<T> decide, Consumer<T> commit) {
                queued.add(() -> commit.accept(decide.get()));
                if (running) return; // from inside this lane's own decide or commit: runs after it
                running = true;
                try {
                    while (!queued.isEmpty()) queued.poll().run();
                } finally {
                    running = false;
                    queued.clear();
                }
            }

            @Override public boolean busy() { return running; }
        };
    }
}
