package org.mesocosm.policies.omega;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Cluster;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.CommandSink;
import org.mesocosm.runtime.master.DecisionPaths;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.PolicyMetric;
import org.mesocosm.runtime.master.SchedulerLane;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;

/**
 * A real {@link Master} running a policy whose {@link SchedulerLane}s the test clocks by hand: a
 * lane decides as soon as it is free (as the contract says) and holds the decision until the test
 * calls {@link #commit(String)}, which runs the commit as a master timer (inside an input, as a
 * simulation driver runs it). This is the decision-time gap of a timed driver, with the test
 * choosing which scheduler's decision time ends first.
 */
final class HeldLanes implements CommandSink {
    final Master master;
    final PlacementPolicy policy;
    private final Map<String, HeldLane> lanes = new LinkedHashMap<>();
    private final PriorityQueue<long[]> timers = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    private PlacementContext ctx;
    long now;
    int launches;
    /** Per lane, how many commits told the lane their decision was wasted ({@link SchedulerLane#commitFailed}). */
    final Map<String, Integer> failedCommits = new LinkedHashMap<>();

    HeldLanes(PlacementPolicy omega) {
        this.policy = omega;
        this.master = new Master(MasterConfig.DEFAULT, new Wrapped(omega), this, new MasterObserver() {});
    }

    @Override
    public void emit(long at, Command c) {
        if (c instanceof Command.ScheduleTimer t) timers.add(new long[] {t.atMicros(), t.timerId()});
        if (c instanceof Command.Launch) launches++;
    }

    void input(Input in) {
        master.handle(now, in);
        run();
    }

    /** Fires the master's timers due now (the policy's zero-delay turns, held commits released). */
    void run() {
        while (!timers.isEmpty() && timers.peek()[0] <= now) master.handle(now, new Input.TimerFired(timers.poll()[1]));
    }

    void advance(long micros) {
        now += micros;
        run();
    }

    /** The decision the lane holds ends now: its commit runs. */
    void commit(String lane) {
        HeldLane l = lanes.get(lane);
        if (l == null || l.held == null) throw new AssertionError("lane " + lane + " holds no decision (lanes: " + lanes.keySet() + ")");
        Runnable c = l.held;
        l.held = null;
        ctx.schedule(0, () -> {
            c.run();
            l.next();
        });
        run();
    }

    boolean holds(String lane) { return lanes.get(lane) != null && lanes.get(lane).held != null; }

    long metric(String name) {
        for (PolicyMetric m : policy.metrics()) if (m.name().equals(name)) return m.value();
        throw new AssertionError("no metric " + name + " in " + policy.metrics());
    }

    Task task(String id) { return master.task(id); }

    private final class HeldLane implements SchedulerLane {
        final String name;
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        Runnable held;
        boolean deciding;

        HeldLane(String name) { this.name = name; }

        @Override public String name() { return name; }

        @Override
        public <T> void submit(Supplier<T> decide, Consumer<T> commit) {
            queue.add(() -> {
                T r = decide.get();
                held = () -> commit.accept(r);
            });
            next();
        }

        void next() {
            if (deciding) return;
            deciding = true;
            try {
                while (held == null && !queue.isEmpty()) queue.poll().run();
            } finally {
                deciding = false;
            }
        }

        @Override public boolean busy() { return held != null || !queue.isEmpty(); }

        @Override public void commitFailed() { failedCommits.merge(name, 1, Integer::sum); }
    }

    /** The policy as the master sees it; only lane() differs from the master's own context. */
    private final class Wrapped implements PlacementPolicy {
        private final PlacementPolicy inner;

        Wrapped(PlacementPolicy inner) { this.inner = inner; }

        @Override public String name() { return inner.name(); }

        @Override
        public void init(PlacementContext c) {
            ctx = c;
            inner.init(new PlacementContext() {
                @Override public long now() { return c.now(); }

                @Override public Cluster cluster() { return c.cluster(); }

                @Override public void launch(Task task, Agent agent) { c.launch(task, agent); }

                @Override public void attach(Task task, Object record) { c.attach(task, record); }

                @Override public void holdForOffer(Agent agent, Resources resources) { c.holdForOffer(agent, resources); }

                @Override public void releaseOffer(Agent agent, Resources resources) { c.releaseOffer(agent, resources); }

                @Override public void preempt(Task victim, Task preemptor) { c.preempt(victim, preemptor); }

                @Override public long schedule(long delayMicros, Runnable action) { return c.schedule(delayMicros, action); }

                @Override public void cancel(long timerId) { c.cancel(timerId); }

                @Override
                public SchedulerLane lane(String name, DecisionPaths costs) {
                    return lanes.computeIfAbsent(name, HeldLane::new);
                }
            });
        }

        @Override public void taskPending(Task task) { inner.taskPending(task); }

        @Override public void taskWithdrawn(Task task) { inner.taskWithdrawn(task); }

        @Override public void taskLaunched(Task task) { inner.taskLaunched(task); }

        @Override public void taskReleased(Task task) { inner.taskReleased(task); }

        @Override public void agentAdded(Agent agent) { inner.agentAdded(agent); }

        @Override public void agentFreed(Agent agent) { inner.agentFreed(agent); }

        @Override public void agentRemoved(Agent agent) { inner.agentRemoved(agent); }

        @Override public String whyPending(Task task) { return inner.whyPending(task); }

        @Override public List<PolicyMetric> metrics() { return inner.metrics(); }
    }
}
