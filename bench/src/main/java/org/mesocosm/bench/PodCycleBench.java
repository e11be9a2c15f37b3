package org.mesocosm.bench;

import java.util.ArrayDeque;
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
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.model.constraints.LabelSelector;
import org.mesocosm.runtime.model.constraints.PodAffinity;
import org.mesocosm.runtime.model.constraints.PodAffinityTerm;
import org.mesocosm.runtime.model.constraints.PodConstraints;
import org.mesocosm.runtime.model.constraints.TopologySpreadConstraint;
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
 * One pod through the k8s policy's scheduling cycle on a busy cluster, end to end through the
 * master: a one-task job is submitted, the scheduler's drain timer fires (PreFilter, Filter over
 * the sample, Score, NormalizeScore, Bind), the task is launched, and then it finishes, so the
 * cluster stays as it was. The cluster: {@code nodes} nodes of 32 cores / 128 GiB over 10 zones,
 * each already running 10 plain pods (about a third full), labelled with one of 20 apps. Incoming
 * pods are plain (default plugins, nothing to match) or constrained (preferred anti-affinity to
 * their own app by host and a ScheduleAnyway zone spread, so InterPodAffinity and
 * PodTopologySpread count the 2,500 pods of that app). Background pods carry no affinity terms:
 * as in kube-scheduler, every placed pod with affinity terms is visited by every cycle's
 * InterPodAffinity PreFilter/PreScore, so a cluster where all of them have some is O(pods) per pod.
 * {@code sample=100%} is the plain full scan to compare against.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class PodCycleBench {

    @Param({"5000"})
    int nodes;

    @Param({"adaptive", "100%"})
    String sample;

    @Param({"plain", "constrained"})
    String pods;

    private Master master;
    private final ArrayDeque<Long> timers = new ArrayDeque<>();
    private String launchedTask;
    private long now;
    private long jobs;
    private TaskSpec[] specs;

    @Setup(Level.Trial)
    public void busyCluster() {
        master = new Master(MasterConfig.DEFAULT, PolicyRegistry.load().create("k8s:sample=" + sample), this::command, new MasterObserver() {});
        for (int i = 0; i < nodes; i++) {
            master.handle(now, new Input.AgentAdded(String.format("n%05d", i), Resources.of(32_000, 131_072), Map.of("zone", "z" + (i % 10))));
        }
        specs = new TaskSpec[20];
        for (int a = 0; a < specs.length; a++) specs[a] = spec(a, 1, pods.equals("constrained"));
        // the background: 10 long-running pods per node, placed by the policy itself
        for (int a = 0; a < specs.length; a++) {
            master.handle(now, new Input.JobSubmitted(new JobSpec("bg" + a, "bg", JobKind.SERVICE, 0, List.of(spec(a, nodes / 2, false)), 0)));
        }
        fireTimers();
        if (master.liveTaskCount() != nodes * 10) throw new IllegalStateException("background: " + master.liveTaskCount() + " tasks");
    }

    private static TaskSpec spec(int a, int instances, boolean constrained) {
        TaskSpec s = TaskSpec.simulated("t", instances, Resources.of(250L * (1 + a % 8), 512L * (1 + a % 16)), SimProfile.FOREVER)
                .withLabels(Map.of("app", "a" + a));
        if (!constrained) return s;
        LabelSelector same = LabelSelector.of("app", "a" + a);
        return s.withPodConstraints(PodConstraints.NONE
                .withPodAntiAffinity(PodAffinity.preferred(new PodAffinityTerm.Weighted(50, PodAffinityTerm.of(same, "hostname"))))
                .withTopologySpread(new TopologySpreadConstraint(1, "zone", TopologySpreadConstraint.WhenUnsatisfiable.SCHEDULE_ANYWAY, same)));
    }

    private void command(long at, Command c) {
        if (c instanceof Command.ScheduleTimer t) timers.add(t.timerId());
        else if (c instanceof Command.Launch l) launchedTask = l.taskId();
    }

    private void fireTimers() {
        while (!timers.isEmpty()) master.handle(now, new Input.TimerFired(timers.poll()));
    }

    @Benchmark
    public String scheduleOnePod() {
        now++;
        launchedTask = null;
        TaskSpec s = specs[(int) (jobs % specs.length)];
        master.handle(now, new Input.JobSubmitted(new JobSpec("j" + (jobs++), "r", JobKind.BATCH, 100, List.of(s), 0)));
        fireTimers();
        String placed = launchedTask;
        if (placed == null) throw new IllegalStateException("pod not placed");
        master.handle(now, new Input.TaskStatus(placed, TaskState.FINISHED, 0, ""));
        fireTimers();
        return placed;
    }
}
