package org.mesocosm.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.master.FirstFitPolicy;
import org.mesocosm.runtime.spec.JobSpecReader;
import org.mesocosm.runtime.spec.ParsedJob;

/**
 * A state directory written before job ids were per role (issue 18) still replays, and its jobs
 * keep their ids: they were unique across roles, so each resolves by its bare id or as
 * {@code role:id}. The directory under {@code legacy-state-f73cc8b} was written by the master of main
 * at f73cc8b (global ids): {@code report} (analytics, as nobody, scaled to 2), {@code web} (default
 * role), {@code etl} (ops, killed) and an analytics job without an id ({@code job-1}).
 */
class JobIdRecoveryTest {
    private static final String FIXTURE = "legacy-state-f73cc8b/";
    private static final Predicate<String> ANALYTICS = Set.of("analytics")::contains;
    private static final Predicate<String> OPS = Set.of("ops")::contains;
    private static final Predicate<String> BOTH = Set.of("analytics", "ops", "default")::contains;

    @TempDir
    Path dir;

    private void copyFixture() throws IOException {
        for (String f : new String[] {"log-header.json", "users.json", "log/wal-00000000000000000000.log"}) {
            Path to = dir.resolve(f);
            Files.createDirectories(to.getParent());
            try (InputStream in = getClass().getResourceAsStream(FIXTURE + f)) {
                Files.copy(in, to);
            }
        }
    }

    private LiveDriver open() throws IOException {
        long[] clock = {1_760_000_000_000_000L};
        return new LiveDriver(LiveDriver.Settings.defaults("first-fit").withStateDir(dir), new FirstFitPolicy(), () -> clock[0] += 1000, null);
    }

    private static String job(String id, String role) {
        return "{" + (id == null ? "" : "\"id\": \"" + id + "\", ") + "\"role\": \"" + role + "\", \"kind\": \"service\""
                + ", \"tasks\": [{\"name\": \"t\", \"cpus\": 0.1, \"mem\": 16, \"command\": \"sleep 30\"}]}";
    }

    private static String key(LiveDriver d, String given, Predicate<String> mayView) {
        return d.call(() -> JobKeys.resolve(given, d.state(), mayView).key());
    }

    @Test
    void aLogFromBeforePerRoleIdsReplaysAndItsJobsKeepTheirIds() throws Exception {
        copyFixture();
        try (LiveDriver d = open()) {
            assertTrue(d.recovered().records() > 0, d.recovered().describe());
            assertEquals(0, d.masterErrors(), "every old input applies: " + d.recovered().describe());
            assertEquals("report", key(d, "report", ANALYTICS));
            assertEquals("report", key(d, "analytics:report", ANALYTICS), "an old job is found by role and id too");
            assertEquals(2, d.call(() -> d.jobs().requireJob("report").targets.get("t")), "its scaling replayed");
            assertEquals("killed", d.call(() -> d.jobs().requireJob("etl").status()));
            assertEquals("etl", key(d, "etl", OPS));
            assertEquals("job-1", key(d, "analytics:job-1", ANALYTICS));
            assertEquals("web", key(d, "web", BOTH));
            JobKeys.Resolved hidden = d.call(() -> JobKeys.resolve("report", d.state(), OPS));
            assertNull(hidden.key(), "ops may not view analytics: no job for it");
            assertEquals("analytics", hidden.hiddenRole());
            assertTrue(Files.readString(dir.resolve("users.json")).contains("\"report\":\"nobody\""), "users.json kept the old job's user");

            // new jobs: keyed by role; the old ones still hold their ids in their own roles
            ApiError same = assertThrows(ApiError.class, () -> d.call(() -> d.jobs().submit(JobSpecReader.read(job("report", "analytics")))));
            assertEquals(409, same.status(), "analytics already has a 'report'");
            assertEquals("ops:report", d.call(() -> d.jobs().submit(JobSpecReader.read(job("report", "ops")))));
            // the one thing an old id still tells: the default role's keys are bare ids, and an old job holds that key
            ApiError old = assertThrows(ApiError.class, () -> d.call(() -> d.jobs().submit(JobSpecReader.read(job("report", "default")))));
            assertEquals(409, old.status());
            assertTrue(old.getMessage().contains("submitted before job ids were per role"), old.getMessage());
            assertEquals("analytics:job-2", d.call(() -> d.jobs().submit(JobSpecReader.read(job(null, "analytics")))), "job-1 is analytics' already");
            assertEquals("ops:job-1", d.call(() -> d.jobs().submit(JobSpecReader.read(job(null, "ops")))), "auto ids are numbered per role");
            ApiError amb = assertThrows(ApiError.class, () -> key(d, "report", BOTH));
            assertEquals(409, amb.status());
            assertTrue(amb.getMessage().endsWith("ops:report, report"), amb.getMessage());
            assertEquals("report", key(d, "report", ANALYTICS));
            assertEquals("ops:report", key(d, "report", OPS));
        }
        // the log now holds old and new ids: it replays again, to the same jobs
        try (LiveDriver d = open()) {
            assertEquals(0, d.masterErrors(), d.recovered().describe());
            assertEquals("ops:report", key(d, "ops:report", BOTH));
            assertEquals("report", key(d, "analytics:report", BOTH));
            assertEquals("analytics:job-2", key(d, "job-2", ANALYTICS));
            ParsedJob again = JobSpecReader.read(job(null, "analytics"));
            assertEquals("analytics:job-3", d.call(() -> d.jobs().submit(again)));
        }
    }
}
