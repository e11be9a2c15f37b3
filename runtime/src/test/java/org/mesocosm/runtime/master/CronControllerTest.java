package org.mesocosm.runtime.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.cron.ConcurrencyPolicy;
import org.mesocosm.runtime.cron.CronExpression;
import org.mesocosm.runtime.cron.CronSchedule;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.JobSpec;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.SimProfile;
import org.mesocosm.runtime.model.TaskSpec;
import org.mesocosm.runtime.model.TaskState;

class CronControllerTest {
    /** Master time 0 is 2024-03-05T10:00:30Z: half a minute before the first every-minute firing. */
    static final long EPOCH = Instant.parse("2024-03-05T10:00:30Z").getEpochSecond() * 1_000_000L;
    static final long MINUTE = 60_000_000L;

    MasterHarness h = new MasterHarness(new FirstFitPolicy(), MasterConfig.DEFAULT.withEpochOffset(EPOCH));

    CronControllerTest() {
        h.agent("a1", 4000, 8192);
    }

    static JobSpec cron(String expr, ZoneId zone, ConcurrencyPolicy p, TaskSpec... tasks) {
        return new JobSpec("c", "r", JobKind.CRON, 0, List.of(tasks), 0, new CronSchedule(CronExpression.parse(expr), zone, p));
    }

    static TaskSpec step(String name) {
        return TaskSpec.simulated(name, 1, Resources.of(1000, 1024), SimProfile.fixed(1, 0));
    }

    long launchTime(Command.Launch l) {
        return h.master.task(l.taskId()) == null ? -1 : h.master.task(l.taskId()).placedAt();
    }

    @Test
    void firesOnTheMinuteBoundaryOfItsCalendarAndEveryMinuteAfter() {
        h.in(new Input.JobSubmitted(cron("* * * * *", ZoneOffset.UTC, ConcurrencyPolicy.ALLOW, step("t"))));
        assertEquals(0, h.launches().size(), "nothing before the first boundary");
        h.advance(30_000_000L - 1);
        assertEquals(0, h.launches().size());
        h.advance(1);
        assertEquals(1, h.launches().size(), "fires at 10:01:00, 30 s after master time 0");
        assertEquals("c@1.t.0.0", h.lastLaunch().taskId());
        assertEquals(30_000_000L, launchTime(h.lastLaunch()));
        h.report("c@1.t.0.0", TaskState.FINISHED);
        assertTrue(h.jobsEnded.contains("c@1:ok"), "each run is a batch job of its own");
        h.advance(MINUTE);
        assertEquals("c@2.t.0.0", h.lastLaunch().taskId());
        assertEquals(1, h.master.unfinishedFiniteJobs(), "the run in flight counts as unfinished work; the cron job does not");
    }

    @Test
    void theScheduleIsReadInItsTimeZone() {
        // 11:00 in Paris (UTC+1 in March) is 10:00 UTC: the next one after 10:00:30 UTC is tomorrow's
        h.in(new Input.JobSubmitted(cron("0 11 * * *", ZoneId.of("Europe/Paris"), ConcurrencyPolicy.ALLOW, step("t"))));
        h.advance(24 * 60 * MINUTE - 30_000_000L - 1);
        assertEquals(0, h.launches().size());
        h.advance(1);
        assertEquals(1, h.launches().size());
    }

    @Test
    void forbidSkipsAFiringWhileTheLastRunIsGoing() {
        h.in(new Input.JobSubmitted(cron("* * * * *", ZoneOffset.UTC, ConcurrencyPolicy.FORBID, step("t"))));
        h.advance(30_000_000L);
        h.advance(MINUTE);
        assertEquals(1, h.launches().size(), "second firing skipped: run 1 still going");
        h.report("c@1.t.0.0", TaskState.FINISHED);
        h.advance(MINUTE);
        assertEquals(2, h.launches().size());
        assertEquals("c@2.t.0.0", h.lastLaunch().taskId(), "run numbers count runs, not firings");
    }

    @Test
    void replaceKillsTheRunningRunAndStartsANewOne() {
        h.in(new Input.JobSubmitted(cron("* * * * *", ZoneOffset.UTC, ConcurrencyPolicy.REPLACE, step("t"))));
        h.advance(30_000_000L + MINUTE);
        assertEquals(List.of(new Command.Kill("a1", "c@1.t.0.0")), h.commands.stream().filter(c -> c instanceof Command.Kill).toList());
        assertEquals("c@2.t.0.0", h.lastLaunch().taskId());
    }

    @Test
    void allowRunsOverlappingRuns() {
        h.in(new Input.JobSubmitted(cron("* * * * *", ZoneOffset.UTC, ConcurrencyPolicy.ALLOW, step("t"))));
        h.advance(30_000_000L + 2 * MINUTE);
        assertEquals(3, h.launches().size());
        assertEquals(0, h.commands.stream().filter(c -> c instanceof Command.Kill).count());
    }

    @Test
    void aRunOfDependentTasksIsAPipeline() {
        h.in(new Input.JobSubmitted(cron("* * * * *", ZoneOffset.UTC, ConcurrencyPolicy.ALLOW, step("a"),
                step("b").withDependsOn(List.of("a")), step("c").withDependsOn(List.of("b")))));
        h.advance(30_000_000L);
        assertEquals(List.of("c@1.a.0.0"), h.launches().stream().map(Command.Launch::taskId).toList());
        h.report("c@1.a.0.0", TaskState.FAILED);
        assertEquals(1, h.ended.stream().filter(t -> t.state() == TaskState.DISCONTINUED && t.spec().name().equals("b")).count());
        assertEquals(1, h.ended.stream().filter(t -> t.state() == TaskState.DISCONTINUED && t.spec().name().equals("c")).count());
        assertTrue(h.jobsEnded.contains("c@1:failed"));
    }

    @Test
    void killingTheCronJobKillsItsRunAndStopsFiring() {
        h.in(new Input.JobSubmitted(cron("* * * * *", ZoneOffset.UTC, ConcurrencyPolicy.ALLOW, step("t"))));
        h.advance(30_000_000L);
        h.in(new Input.JobKillRequested("c"));
        assertEquals(List.of(new Command.Kill("a1", "c@1.t.0.0")), h.commands.stream().filter(c -> c instanceof Command.Kill).toList());
        assertTrue(h.jobsEnded.contains("c:failed"));
        h.advance(10 * MINUTE);
        assertEquals(1, h.launches().size());
    }

    @Test
    void aRunCanBeKilledOnItsOwn() {
        h.in(new Input.JobSubmitted(cron("* * * * *", ZoneOffset.UTC, ConcurrencyPolicy.FORBID, step("t"))));
        h.advance(30_000_000L);
        h.in(new Input.JobKillRequested("c@1"));
        h.report("c@1.t.0.0", TaskState.KILLED);
        assertTrue(h.jobsEnded.contains("c@1:failed"));
        h.advance(MINUTE);
        assertEquals("c@2.t.0.0", h.lastLaunch().taskId(), "forbid sees the killed run as over");
    }
}
