package org.mesocosm.sim.torture;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.mesocosm.runtime.cron.ConcurrencyPolicy;
import org.mesocosm.runtime.cron.CronExpression;
import org.mesocosm.runtime.cron.CronSchedule;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.random.RandomStreams;

/**
 * A small random cluster and workload from one seed: services (some scaled, some killed), batch
 * jobs with failing attempts, pipelines whose steps fail for good now and then, and cron jobs
 * that are stopped before the fault window ends. Every task
 * fits some agent, so once faults stop, all work can finish.
 */
final class TortureScenario {
    record Machine(String id, Resources total, Map<String, String> attributes) {}

    /** Something a client asks of the master at a time: a submission, a kill, a scale. */
    record ClientRequest(long at, Input input) {}

    private static final int MAX_SCALE = 4;
    final List<Machine> machines = new ArrayList<>();
    final List<ClientRequest> requests = new ArrayList<>();

    TortureScenario(RandomStreams streams, int minNodes, int maxNodes, long arrivalWindow) {
        SplittableRandom r = streams.stream("scenario-cluster");
        int n = minNodes + r.nextInt(maxNodes - minNodes + 1);
        for (int i = 0; i < n; i++) {
            Resources total = Resources.of(2000L + 1000L * r.nextInt(7), 2048L + 1024L * r.nextInt(7));
            machines.add(new Machine(String.format(java.util.Locale.ROOT, "a%02d", i), total, Map.of("zone", "z" + (i % 2))));
        }
        Resources capacity = Resources.ZERO;
        for (Machine m : machines) capacity = capacity.plus(m.total());
        // services never end: they may take at most 40% of the cluster even at their largest scale, so that
        // "back to N instances" is always possible once batch work drains
        Resources serviceBudget = new Resources(capacity.cpuMillis() * 2 / 5, capacity.memMiB() * 2 / 5, 0, 0);
        Resources services = Resources.ZERO;
        SplittableRandom w = streams.stream("scenario-workload");
        int jobs = 4 + w.nextInt(14);
        for (int j = 0; j < jobs; j++) {
            long at = (long) (w.nextDouble() * arrivalWindow);
            String id = "j" + j;
            int k = w.nextInt(10);
            JobSpec spec = k < 3 ? service(w, id) : k < 6 ? batch(w, id) : k < 9 ? pipeline(w, id) : cron(w, id);
            if (spec.kind() == JobKind.SERVICE) {
                TaskSpec web = spec.tasks().get(0);
                Resources most = web.request().times(Math.max(web.instances(), MAX_SCALE));
                if (!serviceBudget.fits(services.plus(most))) spec = batch(w, id);
                else services = services.plus(most);
            }
            requests.add(new ClientRequest(at, new Input.JobSubmitted(spec)));
            if (spec.kind() == JobKind.CRON) {
                // runs start on the master's timers, which must survive its crashes; stopped before the quiet period
                long stop = Math.max(at + 1, arrivalWindow - 1 - (long) (w.nextDouble() * arrivalWindow / 4));
                requests.add(new ClientRequest(stop, new Input.JobKillRequested(id)));
            } else if (w.nextInt(8) == 0) {
                requests.add(new ClientRequest(at + 1 + (long) (w.nextDouble() * arrivalWindow / 2), new Input.JobKillRequested(id)));
            } else if (spec.kind() == JobKind.SERVICE && w.nextInt(3) == 0) {
                requests.add(new ClientRequest(at + 1 + (long) (w.nextDouble() * arrivalWindow / 2),
                        new Input.JobScaled(id, "web", w.nextInt(MAX_SCALE + 1))));
            }
        }
        requests.sort((a, b) -> Long.compare(a.at(), b.at()));
    }

    private static Resources request(SplittableRandom w) {
        return Resources.of(100L * (1 + w.nextInt(15)), 128L * (1 + w.nextInt(12)));
    }

    private static JobSpec service(SplittableRandom w, String id) {
        TaskSpec web = TaskSpec.simulated("web", 1 + w.nextInt(4), request(w), SimProfile.FOREVER);
        return new JobSpec(id, "svc", JobKind.SERVICE, 100, List.of(web), 0);
    }

    private static JobSpec batch(SplittableRandom w, String id) {
        TaskSpec t = TaskSpec.simulated("work", 1 + w.nextInt(6), request(w), profile(w));
        return new JobSpec(id, "batch", JobKind.BATCH, 10, List.of(t), w.nextInt(3));
    }

    private static JobSpec pipeline(SplittableRandom w, String id) {
        int steps = 2 + w.nextInt(3);
        List<TaskSpec> tasks = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            TaskSpec t = TaskSpec.simulated("s" + s, 1 + w.nextInt(3), request(w), profile(w));
            if (s > 0) {
                List<String> deps = new ArrayList<>(List.of("s" + (s - 1)));
                if (s > 1 && w.nextBoolean()) deps.add("s" + (s - 2));
                t = t.withDependsOn(deps);
            }
            tasks.add(t);
        }
        return new JobSpec(id, "pipe", JobKind.PIPELINE, 10, tasks, w.nextInt(2));
    }

    private static JobSpec cron(SplittableRandom w, String id) {
        TaskSpec t = TaskSpec.simulated("tick", 1 + w.nextInt(2), request(w), SimProfile.fixed(5_000_000L + w.nextLong(60_000_000L),
                w.nextInt(3) == 0 ? 0.3 : 0));
        ConcurrencyPolicy p = ConcurrencyPolicy.values()[w.nextInt(ConcurrencyPolicy.values().length)];
        CronSchedule every = new CronSchedule(CronExpression.parse("*/" + (1 + w.nextInt(3)) + " * * * *"), ZoneOffset.UTC, p);
        return new JobSpec(id, "cron", JobKind.CRON, 10, List.of(t), w.nextInt(2), every);
    }

    private static SimProfile profile(SplittableRandom w) {
        long duration = 5_000_000L + (long) (w.nextDouble() * 120_000_000L);
        double fail = w.nextInt(3) == 0 ? 0.2 + w.nextDouble() * 0.5 : 0;
        return SimProfile.fixed(duration, fail);
    }
}
