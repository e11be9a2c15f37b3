package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.log.DurableInputLog;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.MasterRecovery;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

/** A master rebuilt from its durable log takes the same decisions as one that never crashed. */
class DurableRecoveryTest {

    /** Random inputs for a master: agents, jobs of every kind, statuses for what it launched, its timers. */
    private static final class Driver {
        final SplittableRandom r;
        final List<Command> commands = new ArrayList<>();
        final List<Long> timerIds = new ArrayList<>();
        final List<String> launched = new ArrayList<>();
        int jobs;

        Driver(long seed) { r = new SplittableRandom(seed); }

        CommandSink sink() {
            return (at, c) -> {
                commands.add(c);
                if (c instanceof Command.ScheduleTimer t) timerIds.add(t.timerId());
                if (c instanceof Command.Launch l) launched.add(l.taskId());
            };
        }

        Input next() {
            int k = r.nextInt(10);
            if (k < 3 || launched.isEmpty()) {
                JobKind kind = JobKind.values()[r.nextInt(2) == 0 ? 0 : 1 + r.nextInt(1)];
                String id = "j" + jobs++;
                if (kind == JobKind.SERVICE) {
                    return new Input.JobSubmitted(new JobSpec(id, "r" + r.nextInt(3), JobKind.SERVICE, 0,
                            List.of(TaskSpec.simulated("s", 1 + r.nextInt(3), Resources.of(500, 256), SimProfile.FOREVER)), 0));
                }
                TaskSpec a = TaskSpec.simulated("a", 1 + r.nextInt(3), Resources.of(300, 128), SimProfile.fixed(10_000_000, 0.3));
                TaskSpec b = TaskSpec.simulated("b", 1, Resources.of(300, 128), SimProfile.fixed(10_000_000, 0)).withDependsOn(List.of("a"));
                return new Input.JobSubmitted(new JobSpec(id, "r" + r.nextInt(3), JobKind.PIPELINE, 0, List.of(a, b), r.nextInt(2)));
            }
            if (k < 8) {
                String t = launched.get(r.nextInt(launched.size()));
                TaskState s = switch (r.nextInt(4)) {
                    case 0 -> TaskState.RUNNING;
                    case 1 -> TaskState.FAILED;
                    case 2 -> TaskState.LOST;
                    default -> TaskState.FINISHED;
                };
                return new Input.TaskStatus(t, s, s == TaskState.FAILED ? 1 : 0, "");
            }
            if (k < 9 && !timerIds.isEmpty()) return new Input.TimerFired(timerIds.remove(0));
            if (r.nextBoolean()) return new Input.AgentRemoved("a" + r.nextInt(3), "test");
            return new Input.AgentReregistered("a" + r.nextInt(3), Resources.of(2000, 2048), Map.of(), List.of());
        }
    }

    @Test
    void recoveredMasterMakesTheSameDecisions(@TempDir Path root) throws IOException {
        for (long seed = 1; seed <= 10; seed++) {
            Path dir = root.resolve("s" + seed);
            DurableInputLog.Options opts = new DurableInputLog.Options(false, 37);
            Driver d = new Driver(seed);
            Master original = new Master(MasterConfig.DEFAULT, new FirstFitPolicy(), d.sink(), new MasterObserver() {});
            DurableInputLog log = DurableInputLog.open(dir, opts).log();
            long now = 0;
            List<Input> script = new ArrayList<>();
            for (int i = 0; i < 3; i++) script.add(new Input.AgentAdded("a" + i, Resources.of(2000, 2048), Map.of()));
            for (Input in : script) {
                log.append(now, in);
                original.handle(now, in);
            }
            int crashAt = 50 + d.r.nextInt(150);
            for (int i = 0; i < crashAt; i++) {
                now += 1 + d.r.nextInt(2_000_000);
                Input in = d.next();
                log.append(now, in);
                original.handle(now, in);
            }
            log.close();

            DurableInputLog.Recovered rec = DurableInputLog.open(dir, opts);
            rec.log().close();
            assertEquals(3 + crashAt, rec.entries().size());
            List<Command> after = new ArrayList<>();
            MasterRecovery.Result r = MasterRecovery.recover(rec.entries(),
                    sink -> new Master(MasterConfig.DEFAULT, new FirstFitPolicy(), sink, new MasterObserver() {}), (at, c) -> after.add(c));
            Master recovered = r.master();
            assertEquals(state(original), state(recovered), "seed " + seed);
            for (long pending : r.pendingTimers().keySet()) assertTrue(d.timerIds.contains(pending), "seed " + seed);

            // from here on, both see the same inputs and must emit the same commands
            int before = d.commands.size();
            for (int i = 0; i < 200; i++) {
                now += 1 + d.r.nextInt(2_000_000);
                Input in = d.next();
                original.handle(now, in);
                recovered.handle(now, in);
            }
            assertEquals(d.commands.subList(before, d.commands.size()), after, "seed " + seed);
            assertEquals(state(original), state(recovered), "seed " + seed);
        }
    }

    private static List<String> state(Master m) {
        List<String> s = new ArrayList<>();
        for (Task t : m.liveTasks()) s.add(t.toString() + (t.isKillRequested() ? "k" : ""));
        s.sort(null);
        for (Agent a : m.cluster().agents()) s.add(a.toString() + a.allocated());
        s.add("created=" + m.tasksCreated() + " unfinished=" + m.unfinishedFiniteJobs());
        return s;
    }
}
