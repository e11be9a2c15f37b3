package org.mesocosm.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.policy.PolicyRegistry;
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
 * One full DRF offer round on a fresh cluster: every agent is offered to the most deserving
 * role's framework, which accepts and launches as many of its pending tasks as fit. Setup (a new
 * master, N agents, R roles each with enough pending tasks to fill the cluster) is excluded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DrfRoundBench {

    @Param({"1000", "10000"})
    int agents;

    @Param({"10", "100"})
    int roles;

    private Master master;
    private long roundTimer;
    private int launched;

    @Setup(Level.Invocation)
    public void freshCluster() {
        launched = 0;
        roundTimer = -1;
        master = new Master(MasterConfig.DEFAULT, PolicyRegistry.load().create("drf"), this::command, new MasterObserver() {});
        for (int i = 0; i < agents; i++) {
            master.handle(0, new Input.AgentAdded(String.format("n%05d", i), Resources.of(32_000, 131_072), Map.of()));
        }
        // 16 tasks of 2 cores / 8 GiB fill an agent; give every role a share of the whole cluster's worth
        int tasksPerRole = Math.max(1, agents * 16 / roles);
        for (int r = 0; r < roles; r++) {
            TaskSpec t = TaskSpec.simulated("t", tasksPerRole, Resources.of(2000, 8192), SimProfile.fixed(60_000_000L, 0));
            master.handle(0, new Input.JobSubmitted(new JobSpec("j" + r, "role" + r, JobKind.BATCH, 0, List.of(t), 0)));
        }
    }

    private void command(long at, Command c) {
        if (c instanceof Command.ScheduleTimer t && roundTimer < 0) roundTimer = t.timerId();
        if (c instanceof Command.Launch) launched++;
    }

    @Benchmark
    public int offerRound() {
        master.handle(1_000_000L, new Input.TimerFired(roundTimer));
        if (launched < agents) throw new IllegalStateException("round launched only " + launched + " tasks on " + agents + " agents");
        return launched;
    }
}
