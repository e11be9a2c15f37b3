package org.mesocosm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mesocosm.reports.stats.Estimate;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.torture.FaultCounts;
import org.mesocosm.sim.torture.FaultKind;
import org.mesocosm.sim.torture.HaTortureRun;
import org.mesocosm.sim.torture.TortureRun;
import org.mesocosm.sim.torture.TortureSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "torture", mixinStandardHelpOptions = true,
        header = "Run the real master under random faults and check its invariants after every event.",
        description = {"Each seed builds a small cluster and workload and runs the real master against a random fault schedule, "
                + "checking after every event: no resource double-booked, every acknowledged job accounted for, no task running "
                + "twice, no pipeline step launched after a dependency failed for good, services back to N instances once faults stop.",
                "With --ha, three simulated masters replicate their input log (a Raft model over a faulty network among them), "
                        + "the leader crashes, followers crash, the masters are partitioned; also checked: at most one master acts per "
                        + "term, replicas apply identical log prefixes, every acknowledged job is on every replica past its index, no "
                        + "task instance runs twice at once across failovers.",
                "A failure prints the seed; '--seeds 1 --start SEED' replays it bit for bit (same event-log digest)."})
final class TortureCommand implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "100", description = "How many seeds to run. Default: ${DEFAULT-VALUE}.")
    long seeds;

    @Option(names = "--start", defaultValue = "1", description = "First seed. Default: ${DEFAULT-VALUE}.")
    long start;

    @Option(names = "--nodes", defaultValue = "3..8", paramLabel = "N|MIN..MAX",
            description = "Agents per run: a number or a range. Default: ${DEFAULT-VALUE}.")
    String nodes;

    @Option(names = "--faults", defaultValue = "all", paramLabel = "LIST",
            description = "Faults to inject: all, none, or a comma list of delay, drop, dup, reorder, partition, agent-restart, "
                    + "master-crash, torn-write; with --ha instead of the last two: leader-crash, follower-crash, master-partition, "
                    + "peer-drop, peer-delay. Default: ${DEFAULT-VALUE}.")
    String faults;

    @Option(names = "--ha", description = "Three replicated masters instead of one (issue 19): leader crashes, partitions among masters.")
    boolean ha;

    @Option(names = "--policy", defaultValue = "drf", description = "Placement policy. Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(names = "--keep-going", description = "Run every seed even after a failure (default: stop at the first).")
    boolean keepGoing;

    @Option(names = "--trace", paramLabel = "FILE", description = "Write every event and command of the run to FILE (use with --seeds 1).")
    Path trace;

    @Override
    public Integer call() throws IOException {
        if (seeds < 1) throw new Mesocosm.UserError("--seeds must be at least 1, got " + seeds);
        Set<FaultKind> kinds = FaultKind.parse(faults);
        String list = faults.trim().toLowerCase(Locale.ROOT);
        if (!list.equals("all") && !list.equals("none")) {
            for (FaultKind k : kinds) {
                if (!k.appliesTo(ha)) {
                    throw new Mesocosm.UserError("--faults: " + k.cliName() + (ha ? " does not apply with --ha (the masters' log is replicated, "
                            + "not local: use leader-crash, follower-crash)" : " needs --ha"));
                }
            }
        }
        TortureSettings settings = TortureSettings.DEFAULT.withFaults(kinds);
        int[] range = nodeRange(nodes);
        settings = settings.withNodes(range[0], range[1]);
        PolicyRegistry registry = PolicyRegistry.load();
        registry.create(policy); // fail fast on a bad policy name
        if (trace != null && seeds != 1) throw new Mesocosm.UserError("--trace needs --seeds 1");

        if (ha) return runReplicated(settings, registry);
        FaultCounts total = new FaultCounts();
        long wallStart = System.nanoTime();
        long lastProgress = wallStart;
        long failures = 0, events = 0, recoveries = 0, attempts = 0, refused = 0;
        long ran = 0;
        String lastDigest = null;
        for (long seed = start; seed < start + seeds; seed++) {
            TortureRun run = new TortureRun(settings, seed, () -> registry.create(policy));
            TortureRun.Result r;
            if (trace != null) {
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(trace))) {
                    r = run.trace(w::println).run();
                }
            } else {
                r = run.run();
            }
            ran++;
            total.addAll(r.faults());
            events += r.events();
            recoveries += r.masterRecoveries();
            attempts += r.adversaryAttempts();
            refused += r.adversaryRefused();
            lastDigest = r.digest();
            if (!r.passed()) {
                failures++;
                printFailure("", seed, r.violationAtMicros(), r.violation(), r.digest());
                if (!keepGoing) break;
            }
            long now = System.nanoTime();
            if (now - lastProgress > 2_000_000_000L || seed == start + seeds - 1) {
                lastProgress = now;
                System.err.printf(Locale.ROOT, "torture: %d/%d seeds, %d failed, %,d faults, %,d events, %.1fs%n", ran, seeds, failures,
                        total.total(), events, (now - wallStart) / 1e9);
            }
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        System.out.printf(Locale.ROOT, "%d seeds from %d: %d passed, %d failed in %.1f s (%,d events)%n", ran, start, ran - failures,
                failures, wall, events);
        System.out.println("faults survived: " + total + "; master recoveries from the log: " + recoveries);
        System.out.println("adversarial agents (one lying about others' tasks, one acting as another agent): " + refused + " of " + attempts
                + " attempts refused by the identity check");
        if (ran == 1) System.out.println("event-log digest " + lastDigest);
        return failures == 0 ? 0 : 1;
    }

    /** A failed seed: what broke, when, and the command that replays it ({@code mode} is "" or "--ha "). */
    private void printFailure(String mode, long seed, long violationAtMicros, String violation, String digest) {
        System.out.printf(Locale.ROOT, "FAIL seed %d at %.3f s simulated: %s%n", seed, violationAtMicros / 1e6, violation);
        System.out.printf(Locale.ROOT, "  replay: mesocosm torture %s--seeds 1 --start %d --nodes %s --faults %s --policy %s%n",
                mode, seed, nodes, faults, policy);
        System.out.println("  event-log digest " + digest);
    }

    /** {@code --ha}: the same seeds with three replicated masters; per-seed figures as means with their 95% CI over the seeds. */
    private Integer runReplicated(TortureSettings settings, PolicyRegistry registry) throws IOException {
        FaultCounts total = new FaultCounts();
        long wallStart = System.nanoTime();
        long lastProgress = wallStart;
        long failures = 0, events = 0;
        String lastDigest = null;
        List<double[]> perSeed = new ArrayList<>(); // one row per seed, one column per line of the summary
        for (long seed = start; seed < start + seeds; seed++) {
            HaTortureRun run = new HaTortureRun(settings, seed, () -> registry.create(policy));
            HaTortureRun.Result r;
            if (trace != null) {
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(trace))) {
                    r = run.trace(w::println).run();
                }
            } else {
                r = run.run();
            }
            total.addAll(r.faults());
            events += r.events();
            lastDigest = r.digest();
            long crashesAndPartitions = r.faults().get(FaultKind.LEADER_CRASH) + r.faults().get(FaultKind.FOLLOWER_CRASH)
                    + r.faults().get(FaultKind.MASTER_PARTITION);
            long peerMessages = r.faults().get(FaultKind.PEER_DROP) + r.faults().get(FaultKind.PEER_DELAY);
            perSeed.add(new double[] {r.failovers(), r.failStops(), r.terms(), crashesAndPartitions, peerMessages, r.faults().total()});
            if (!r.passed()) {
                failures++;
                printFailure("--ha ", seed, r.violationAtMicros(), r.violation(), r.digest());
                if (!keepGoing) break;
            }
            long now = System.nanoTime();
            if (now - lastProgress > 2_000_000_000L || seed == start + seeds - 1) {
                lastProgress = now;
                System.err.printf(Locale.ROOT, "torture --ha: %d/%d seeds, %d failed, %,d faults, %,d events, %.1fs%n", perSeed.size(), seeds,
                        failures, total.total(), events, (now - wallStart) / 1e9);
            }
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        int ran = perSeed.size();
        System.out.printf(Locale.ROOT, "%d seeds from %d with 3 replicated masters: %d passed, %d failed in %.1f s (%.2f seeds/s, %,d events)%n",
                ran, start, ran - failures, failures, wall, ran / wall, events);
        System.out.println("faults survived: " + total.toString(true));
        String[] names = {"failovers (a new master acts)", "leader step-downs after acting (fail-stop)", "terms (elections)",
                "master crashes and partitions among masters", "messages between masters lost or late", "faults of every kind"};
        for (int i = 0; i < names.length; i++) {
            double[] v = new double[ran];
            for (int s = 0; s < ran; s++) v[s] = perSeed.get(s)[i];
            System.out.println("  per seed, " + names[i] + ": " + perSeedEstimate(v));
        }
        if (ran == 1) System.out.println("event-log digest " + lastDigest);
        return failures == 0 ? 0 : 1;
    }

    /**
     * "mean [low, high] (95% CI, n=N)" of a count per seed; the interval is n/a with one seed. A count is never below 0,
     * so Student's t interval is cut there (the cut interval covers the mean as often).
     */
    static String perSeedEstimate(double[] v) {
        Estimate e = Estimate.of(v);
        String ci = Double.isNaN(e.ciLow()) ? "n/a" : String.format(Locale.ROOT, "[%.1f, %.1f]", Math.max(0, e.ciLow()), e.ciHigh());
        return String.format(Locale.ROOT, "%.1f %s (95%% CI, n=%d)", e.mean(), ci, e.n());
    }

    private static int[] nodeRange(String s) {
        try {
            String[] p = s.split("\\.\\.", -1);
            int min = Integer.parseInt(p[0].trim());
            int max = p.length == 1 ? min : Integer.parseInt(p[1].trim());
            if (p.length > 2 || min < 1 || max < min) throw new NumberFormatException();
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            throw new Mesocosm.UserError("--nodes: expected N or MIN..MAX with 1 <= MIN <= MAX, got '" + s + "'");
        }
    }
}
