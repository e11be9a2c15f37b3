package org.mesocosm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mesocosm.runtime.policy.PolicyRegistry;
import org.mesocosm.sim.torture.FaultCounts;
import org.mesocosm.sim.torture.FaultKind;
import org.mesocosm.sim.torture.TortureRun;
import org.mesocosm.sim.torture.TortureSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "torture", mixinStandardHelpOptions = true,
        header = "Run the real master under random faults and check its invariants after every event.",
        description = {"Each seed builds a small cluster and workload and runs the real master against a random fault schedule, "
                + "checking after every event: no resource double-booked, every acknowledged job accounted for, no task running "
                + "twice, no pipeline step launched after a dependency failed for good, services back to N instances once faults stop.",
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
                    + "master-crash, torn-write. Default: ${DEFAULT-VALUE}.")
    String faults;

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
        TortureSettings settings = TortureSettings.DEFAULT.withFaults(kinds);
        int[] range = nodeRange(nodes);
        settings = settings.withNodes(range[0], range[1]);
        PolicyRegistry registry = PolicyRegistry.load();
        registry.create(policy); // fail fast on a bad policy name
        if (trace != null && seeds != 1) throw new Mesocosm.UserError("--trace needs --seeds 1");

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
                System.out.printf(Locale.ROOT, "FAIL seed %d at %.3f s simulated: %s%n", seed, r.violationAtMicros() / 1e6, r.violation());
                System.out.printf(Locale.ROOT, "  replay: mesocosm torture --seeds 1 --start %d --nodes %s --faults %s --policy %s%n",
                        seed, nodes, faults, policy);
                System.out.println("  event-log digest " + r.digest());
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
