package org.mesocosm.cli.load;

import java.util.concurrent.Callable;
import org.mesocosm.cli.Mesocosm;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.policy.Durations;
import org.mesocosm.runtime.policy.PolicyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "loadtest", mixinStandardHelpOptions = true,
        header = "Load-test a live master on loopback and check that nothing was lost.",
        description = {"A master in this JVM behind its HTTP API, in-process agents speaking the agent protocol over HTTP "
                + "(tasks run for a seeded time, no processes) and client threads submitting batch jobs.",
                "Prints submissions/s, API latency, heap and task counts; exits 1 if any acknowledged job or task was lost, "
                + "a task was launched or ended twice, or an agent was over-committed."})
public final class LoadCommand implements Callable<Integer> {
    static final int MAX_AGENTS = 400;

    @Option(names = "--agents", defaultValue = "200", description = "Agents (at most " + MAX_AGENTS + "). Default: ${DEFAULT-VALUE}.")
    int agents;

    @Option(names = "--jobs", defaultValue = "10000", description = "Job submissions. Default: ${DEFAULT-VALUE}.")
    int jobs;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent submitting clients. Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(names = "--rate", defaultValue = "0",
            description = "Submissions per second over all clients; 0 submits as fast as the master answers. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the jobs' sizes and run times. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--policy", defaultValue = "drf:interval=100ms", description = "Master policy. Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(names = "--agent-cpus", defaultValue = "8", description = "Cores per agent. Default: ${DEFAULT-VALUE}.")
    int agentCpus;

    @Option(names = "--agent-mem", defaultValue = "16384", description = "MiB per agent. Default: ${DEFAULT-VALUE}.")
    long agentMem;

    @Option(names = "--task-time", defaultValue = "50ms-500ms", paramLabel = "MIN-MAX",
            description = "Range of task run times (seeded). Default: ${DEFAULT-VALUE}.")
    String taskTime;

    @Option(names = "--no-input-log", description = "Run the master without its input log (by default it keeps one in a temporary directory).")
    boolean noInputLog;

    @Option(names = "--ha", description = {"Three replicated masters in this JVM (Raft over loopback with mutual TLS, as 'master --ha' runs them);",
            "the load goes to the leader, and the report adds how far the replicas trailed."})
    boolean ha;

    @Option(names = "--timeout", defaultValue = "600s", description = "Give up (and fail) after this long. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Override
    public Integer call() throws Exception {
        // each agent holds one of the API server's request threads with its heartbeat poll (512 at most)
        if (agents < 1 || agents > MAX_AGENTS) throw new Mesocosm.UserError("--agents must be 1-" + MAX_AGENTS + ", got " + agents);
        if (jobs < 1) throw new Mesocosm.UserError("--jobs must be at least 1, got " + jobs);
        if (clients < 1 || clients > 256) throw new Mesocosm.UserError("--clients must be 1-256, got " + clients);
        if (rate < 0) throw new Mesocosm.UserError("--rate must not be negative, got " + rate);
        if (agentCpus < 1 || agentMem < 1) throw new Mesocosm.UserError("--agent-cpus and --agent-mem must be positive");
        String[] range = taskTime.split("-", 2);
        if (range.length != 2) throw new Mesocosm.UserError("--task-time must be MIN-MAX, e.g. 50ms-500ms, got '" + taskTime + "'");
        long minMs = millis("--task-time", range[0]), maxMs = millis("--task-time", range[1]);
        if (maxMs < minMs || maxMs > 3_600_000) throw new Mesocosm.UserError("--task-time: need MIN <= MAX <= 1h, got '" + taskTime + "'");
        long timeoutS = Math.max(1, millis("--timeout", timeout) / 1000);
        if (ha && noInputLog) throw new Mesocosm.UserError("--ha and --no-input-log contradict each other: replicated masters keep their inputs in the replicated log");
        try {
            PolicyRegistry.load().create(policy);
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError("--policy: " + e.getMessage());
        }
        LoadRun.Options o = new LoadRun.Options(agents, jobs, clients, seed, policy, Resources.of(agentCpus * 1000L, agentMem), 3,
                (int) minMs, (int) maxMs, rate, !noInputLog, timeoutS, ha);
        LoadReport r = LoadRun.run(o, LoadProgress.stderr());
        System.out.print(r.table());
        return r.ok() ? 0 : 1;
    }

    private static long millis(String option, String text) {
        try {
            return Durations.parseMicros(text.trim()) / 1000;
        } catch (IllegalArgumentException e) {
            throw new Mesocosm.UserError(option + ": " + e.getMessage());
        }
    }
}
