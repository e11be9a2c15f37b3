package org.mesocosm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mesocosm.policies.drf.DrfSorter;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.offer.AllocatorConfig;
import org.mesocosm.runtime.offer.Framework;
import org.mesocosm.runtime.offer.Offer;
import org.mesocosm.runtime.offer.OfferAllocator;
import org.mesocosm.runtime.offer.OfferResponse;
import org.mesocosm.runtime.offer.OfferSettings;
import org.mesocosm.runtime.offer.RoleSorter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The allocator's part of one DRF offer round, as Mesos's allocator benchmarks measure it: every
 * agent of a fresh cluster is offered to the framework the role sorters rank first, until every
 * framework has been offered its whole demand. The frameworks hold their offers (a Mesos framework
 * answers later, from its own process), so what is timed is the allocator: ordering the roles,
 * sizing and making the offers, and charging them to the sorters. {@link DrfRoundBench} times the
 * same round with the built-in frameworks answering and 160,000 tasks launching through the master.
 *
 * <p>{@code sorter=drf} is the policy's incremental sorter; {@code sorter=resort} is the plain
 * baseline ({@link ResortingDrfSorter}) in the same allocator, for a ratio within one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class DrfAllocationBench {

    @Param({"10000"})
    int agents;

    @Param({"100"})
    int roles;

    @Param({"drf", "resort"})
    String sorter;

    private Master master;
    private long roundTimer;
    private List<Holder> frameworks;

    /** Wants a share of the whole cluster in 2-core / 8 GiB tasks, and holds every offer it gets. */
    static final class Holder implements Framework {
        private static final Resources TASK = Resources.of(2000, 8192);
        final String role;
        final String id;
        final Resources demand;
        Resources held = Resources.ZERO;
        int offers;

        Holder(String role, long tasks) {
            this.role = role;
            this.id = role + "/jobs";
            this.demand = TASK.times(tasks);
        }

        @Override public String id() { return id; }
        @Override public String role() { return role; }
        @Override public void taskPending(Task task) {}
        @Override public void taskWithdrawn(Task task) {}
        /** Wants more until the offers it holds cover its demand (it will launch from them later). */
        @Override public boolean hasDemand() { return !held.fits(demand); }
        @Override public Resources minDemand() { return TASK; }

        @Override
        public List<OfferResponse> offers(long now, List<Offer> batch) {
            List<OfferResponse> out = new ArrayList<>(batch.size());
            for (Offer o : batch) {
                out.add(new OfferResponse.Hold(o.id()));
                held = held.plus(o.resources());
            }
            offers += batch.size();
            return out;
        }
    }

    @Setup(Level.Invocation)
    public void freshCluster() {
        roundTimer = -1;
        RoleSorter.Factory factory = sorter.equals("drf") ? DrfSorter::new : ResortingDrfSorter::new;
        OfferAllocator alloc = new OfferAllocator("drf", OfferSettings.DEFAULT, factory, AllocatorConfig.NONE);
        master = new Master(MasterConfig.DEFAULT, alloc, this::command, new MasterObserver() {});
        frameworks = new ArrayList<>();
        long tasksPerRole = Math.max(1, (long) agents * 16 / roles);
        for (int r = 0; r < roles; r++) {
            Holder h = new Holder("role" + r, tasksPerRole);
            frameworks.add(h);
            alloc.register(h);
        }
        for (int i = 0; i < agents; i++) {
            master.handle(0, new Input.AgentAdded(String.format("n%05d", i), Resources.of(32_000, 131_072), Map.of()));
        }
    }

    private void command(long at, Command c) {
        if (c instanceof Command.ScheduleTimer t && roundTimer < 0) roundTimer = t.timerId();
    }

    @Benchmark
    public int allocationRound() {
        master.handle(1_000_000L, new Input.TimerFired(roundTimer));
        int offers = 0;
        for (Holder h : frameworks) offers += h.offers;
        if (offers != agents) throw new IllegalStateException("round made " + offers + " offers on " + agents + " agents");
        return offers;
    }
}
