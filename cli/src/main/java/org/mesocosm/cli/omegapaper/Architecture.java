package org.mesocosm.cli.omegapaper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.decision.DecisionTime;

/**
 * The four scheduler architectures of the Omega paper's §4 as Mesocosm policy specs and decision
 * times. The service scheduler's t_job is swept; batch work always costs t_job = 100 ms and every
 * task t_task = 5 ms (the paper's defaults). An architecture is only a policy spec string: one
 * whose policy is not registered in this build is reported as not available, never as zeros.
 */
public enum Architecture {
    /** One scheduler, one code path: every job costs the swept t_job (paper Fig. 5, single path). */
    MONO_SINGLE("mono-single", null, null),
    /** One scheduler and one queue, but batch jobs take a fast path of 100 ms (paper Fig. 5, multi-path). */
    MONO_MULTI("mono-multi", null, null),
    /** The DRF offer allocator with a Marathon-like service framework and a batch job framework (paper §4.2). */
    MESOS("mesos", "marathon", "jobs"),
    /** Two shared-state schedulers, service and batch, committing optimistically (paper §4.3). */
    OMEGA("omega", "service", "batch");

    /** The paper's t_job of the batch scheduler and t_task of every scheduler. */
    public static final long BATCH_T_JOB_MICROS = 100_000;
    public static final long T_TASK_MICROS = 5_000;

    private final String label;
    private final String serviceLane;
    private final String batchLane;

    Architecture(String label, String serviceLane, String batchLane) {
        this.label = label;
        this.serviceLane = serviceLane;
        this.batchLane = batchLane;
    }


    public String label() { return label; }

    /** The policy's name in the registry. */
    public String policyName() {
        return switch (this) {
            case MONO_SINGLE, MONO_MULTI -> "mono";
            case MESOS -> "mesos";
            case OMEGA -> "omega";
        };
    }

    /** The lane (scheduler inside the policy) that serves {@code c}'s jobs; null for the one scheduler of mono. */
    public String lane(JobClass c) {
        return c == JobClass.SERVICE ? serviceLane : batchLane;
    }

    /** The policy spec with the service scheduler's t_job set to {@code serviceTJobMicros}. */
    public String policySpec(long serviceTJobMicros) {
        return policySpec(duration(serviceTJobMicros));
    }

    /** The policy spec with {@code x} as the service t_job's text (the report writes "<t_job>"). */
    public String policySpec(String x) {
        String b = duration(BATCH_T_JOB_MICROS);
        return switch (this) {
            case MONO_SINGLE -> "mono";
            case MONO_MULTI -> "mono:paths=service:t_job=" + x + ",batch:t_job=" + b;
            case MESOS -> "mesos:frameworks=marathon,jobs,marathon:t_job=" + x + ",jobs:t_job=" + b;
            case OMEGA -> "omega:schedulers=service,batch,service:t_job=" + x + ",batch:t_job=" + b;
        };
    }

    /** The run's decision time: single-path mono charges the swept t_job to every job; the others set it per path or lane. */
    public DecisionTime decisionTime(long serviceTJobMicros) {
        return DecisionTime.model(this == MONO_SINGLE ? serviceTJobMicros : BATCH_T_JOB_MICROS, T_TASK_MICROS);
    }

    /** The {@code --decision-time} text of {@link #decisionTime}, for the report. */
    public String decisionTimeSpec(String x) {
        return "model:job=" + (this == MONO_SINGLE ? x : duration(BATCH_T_JOB_MICROS)) + ",task=" + duration(T_TASK_MICROS);
    }

    /** Whether this build registers the architecture's policy. */
    public boolean available(PolicyRegistry registry) {
        return registry.names().contains(policyName());
    }

    public static Architecture byLabel(String label) {
        for (Architecture a : values()) if (a.label.equals(label)) return a;
        throw new IllegalArgumentException("unknown architecture '" + label + "' (valid: " + String.join(", ", labels()) + ")");
    }

    public static List<String> labels() {
        List<String> out = new ArrayList<>();
        for (Architecture a : values()) out.add(a.label);
        return out;
    }

    /** A duration as the policy parameters and --decision-time read it: whole ms where exact, else µs. */
    static String duration(long micros) {
        if (micros % 1000 == 0) return micros / 1000 + "ms";
        return micros + "us";
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
