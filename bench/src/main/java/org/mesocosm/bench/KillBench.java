package org.mesocosm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.PlacementContext;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Killing a whole service on a big cell: the master gets the kill request, sends a kill command
 * for each of the service's placed tasks, and then hears each task end (KILLED, as its agent
 * reports it) until the service has ended. Its cost must grow with the service's tasks, not with
 * the cell's: the cluster size ({@code nodes}, with {@value #BACKGROUND_PER_NODE} tasks of other
 * services per node, so the cell's live tasks grow with it) and the service size vary apart.
 *
 * <p>Setup (a fresh master with every task placed) is excluded. The placement policy is a cursor
 * over the agents that places each task in O(1) and does nothing when a task ends, so that the
 * measurement is the master's own kill path and not a policy's bookkeeping.
 *
 * <p>Besides JMH's wall time, each kill's CPU time on its thread is printed at the end of the
 * trial (median and range): on a shared, loaded machine wall time counts the time the thread
 * waited for a core, CPU time does not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class KillBench {
    static final int BACKGROUND_PER_NODE = 8;
    private static final int BACKGROUND_JOB_SIZE = 1_000;

    @Param({"1250", "12500"})
    int nodes;

    @Param({"10000", "100000"})
    int serviceTasks;

    private Master master;
    private final List<String> killed = new ArrayList<>();
    private boolean serviceEnded;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final List<Long> cpuNanos = new ArrayList<>();

    @Setup(Level.Iteration)
    public void placedCell() {
        killed.clear();
        serviceEnded = false;
        master = new Master(MasterConfig.DEFAULT, new CursorPlacement(), (at, c) -> {
            if (c instanceof Command.Kill k) killed.add(k.taskId());
        }, new MasterObserver() {
            @Override public void jobEnded(long at, JobSpec job, boolean ok) { if (job.id().equals("big")) serviceEnded = true; }
        });
        for (int i = 0; i < nodes; i++) {
            master.handle(0, new Input.AgentAdded(String.format("n%05d", i), Resources.of(64_000, 262_144), Map.of()));
        }
        int background = nodes * BACKGROUND_PER_NODE;
        for (int j = 0; j * BACKGROUND_JOB_SIZE < background; j++) {
            master.handle(0, new Input.JobSubmitted(service("bg" + j, Math.min(BACKGROUND_JOB_SIZE, background - j * BACKGROUND_JOB_SIZE))));
        }
        master.handle(0, new Input.JobSubmitted(service("big", serviceTasks)));
        if (master.liveTaskCount() != background + serviceTasks) throw new IllegalStateException("not all placed: " + master.liveTaskCount());
    }

    private static JobSpec service(String id, int instances) {
        return new JobSpec(id, "r", JobKind.SERVICE, 0,
                List.of(TaskSpec.simulated("t", instances, Resources.of(100, 64), SimProfile.FOREVER)), 3);
    }

    /** Kill request, one kill command per task, every task's KILLED report, the service's end. */
    @Benchmark
    public int killService() {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        master.handle(1, new Input.JobKillRequested("big"));
        for (String id : killed) master.handle(2, new Input.TaskStatus(id, TaskState.KILLED, -1, "killed"));
        if (killed.size() != serviceTasks || !serviceEnded) {
            throw new IllegalStateException("kill incomplete: " + killed.size() + " kills, ended " + serviceEnded);
        }
        cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpu0);
        return killed.size();
    }

    /** Prints the CPU time per kill of this trial's measured iterations (the warmup ones dropped). */
    @TearDown(Level.Trial)
    public void printCpuTime() {
        long[] all = cpuNanos.stream().mapToLong(Long::longValue).toArray();
        long[] m = Arrays.copyOfRange(all, Math.min(3, all.length), all.length);
        Arrays.sort(m);
        if (m.length == 0) return;
        System.out.printf("%nKILL_CPU nodes=%d serviceTasks=%d n=%d cpu_ms median=%.1f min=%.1f max=%.1f%n", nodes, serviceTasks,
                m.length, m[m.length / 2] / 1e6, m[0] / 1e6, m[m.length - 1] / 1e6);
    }

    /** Places each task on the agent under a cursor, moving on when it is full: O(1) per task. */
    static final class CursorPlacement implements PlacementPolicy {
        private PlacementContext ctx;
        private int cursor;

        @Override public String name() { return "cursor"; }

        @Override public void init(PlacementContext ctx) { this.ctx = ctx; }

        @Override public void taskPending(Task task) {
            List<Agent> agents = ctx.cluster().agents();
            for (int tried = 0; tried < agents.size(); tried++, cursor = (cursor + 1) % agents.size()) {
                Agent a = agents.get(cursor);
                if (a.isUp() && a.free().fits(task.request())) {
                    ctx.launch(task, a);
                    return;
                }
            }
            throw new IllegalStateException("the cell is full: " + task);
        }

        @Override public void taskWithdrawn(Task task) {}

        @Override public void taskReleased(Task task) {}

        @Override public void agentAdded(Agent agent) {}

        @Override public void agentRemoved(Agent agent) {}
    }
}
