package org.mesocosm.runtime.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CronExpressionTest {
    static final ZoneId UTC = ZoneOffset.UTC;

    static long micros(String isoInstant) {
        Instant i = Instant.parse(isoInstant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    static String next(String expr, String after, ZoneId zone) {
        long m = CronExpression.parse(expr).nextAfter(micros(after), zone);
        return Instant.ofEpochSecond(m / 1_000_000L, (m % 1_000_000L) * 1000).toString();
    }

    record Case(String expr, String after, String want) {}

    static Stream<Arguments> utcCases() {
        return Stream.of(
                // every minute: strictly after, even exactly on a boundary
                new Case("* * * * *", "2024-03-05T10:15:00Z", "2024-03-05T10:16:00Z"),
                new Case("* * * * *", "2024-03-05T10:15:59.999Z", "2024-03-05T10:16:00Z"),
                new Case("*/15 * * * *", "2024-03-05T10:16:00Z", "2024-03-05T10:30:00Z"),
                new Case("0 9-17/4 * * *", "2024-03-05T13:00:00Z", "2024-03-05T17:00:00Z"),
                new Case("5,10 0 * * *", "2024-03-05T00:05:00Z", "2024-03-05T00:10:00Z"),
                new Case("0 0 1 * *", "2024-01-31T12:00:00Z", "2024-02-01T00:00:00Z"),
                new Case("0 0 * * MON", "2024-03-05T00:00:00Z", "2024-03-11T00:00:00Z"), // 5 March 2024 is a Tuesday
                new Case("0 0 * * 7", "2024-03-05T00:00:00Z", "2024-03-10T00:00:00Z"), // 7 is Sunday too
                new Case("0 0 * * sun", "2024-03-05T00:00:00Z", "2024-03-10T00:00:00Z"),
                new Case("0 12 * JAN-MAR/2 *", "2024-01-31T13:00:00Z", "2024-03-01T12:00:00Z"),
                new Case("0 0 29 2 *", "2024-03-01T00:00:00Z", "2028-02-29T00:00:00Z"), // leap days only
                new Case("0 0 31 * *", "2024-04-01T00:00:00Z", "2024-05-31T00:00:00Z"), // April has no 31st
                // both day fields restricted: either matches (the 13th, or any Friday)
                new Case("0 0 13 * FRI", "2024-03-05T00:00:00Z", "2024-03-08T00:00:00Z"),
                new Case("0 0 13 * FRI", "2024-03-09T00:00:00Z", "2024-03-13T00:00:00Z"),
                // a stepped day-of-week starts with '*': days must match both fields
                new Case("0 0 1 * */2", "2024-03-05T00:00:00Z", "2024-06-01T00:00:00Z"), // 1 Apr Mon, 1 May Wed, 1 Jun Sat
                new Case("@hourly", "2024-03-05T10:15:00Z", "2024-03-05T11:00:00Z"),
                new Case("@yearly", "2024-03-05T10:15:00Z", "2025-01-01T00:00:00Z"),
                // six fields: seconds first
                new Case("*/10 * * * * *", "2024-03-05T10:15:01Z", "2024-03-05T10:15:10Z"),
                new Case("30 0 0 * * *", "2024-03-05T00:00:30Z", "2024-03-06T00:00:30Z"),
                new Case("59 59 23 31 12 *", "2024-03-05T00:00:00Z", "2024-12-31T23:59:59Z"))
                .map(c -> Arguments.of(c.expr(), c.after(), c.want()));
    }

    @ParameterizedTest(name = "{0} after {1}")
    @MethodSource("utcCases")
    void nextFiringInUtc(String expr, String after, String want) {
        assertEquals(want, next(expr, after, UTC));
    }

    @Test
    void steppedDayOfWeekIsAndedWithDayOfMonth() {
        // */2 on day-of-week = Sun, Tue, Thu, Sat; the first 1st of a month on one of those after March 2024
        String got = next("0 0 1 * */2", "2024-03-05T00:00:00Z", UTC);
        LocalDateTime t = LocalDateTime.ofInstant(Instant.parse(got), UTC);
        assertEquals(1, t.getDayOfMonth());
        assertEquals(0, t.getDayOfWeek().getValue() % 7 % 2, "an even cron weekday: " + t.getDayOfWeek());
    }

    @Test
    void timeZoneShiftsTheFiring() {
        // 09:00 in New York in March 2024 (after the DST change on 10 March) is 13:00 UTC
        assertEquals("2024-03-12T13:00:00Z", next("0 9 * * *", "2024-03-12T00:00:00Z", ZoneId.of("America/New_York")));
        assertEquals("2024-03-08T14:00:00Z", next("0 9 * * *", "2024-03-08T00:00:00Z", ZoneId.of("America/New_York")));
    }

    @Test
    void aLocalTimeSkippedBySpringForwardStillFiresOnce() {
        // 02:30 does not exist on 31 March 2024 in Berlin (02:00 -> 03:00); it fires shifted by the gap, once
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        String first = next("30 2 * * *", "2024-03-30T12:00:00Z", berlin);
        assertEquals("2024-03-31T01:30:00Z", first); // 03:30 CEST
        assertEquals("2024-04-01T00:30:00Z", next("30 2 * * *", first, berlin)); // 02:30 CEST the next day
    }

    @Test
    void aRepeatedLocalHourRunsAFixedTimeJobOnce() {
        // 02:30 happens twice on 27 October 2024 in Berlin; the job runs at the first one only
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        String first = next("30 2 * * *", "2024-10-26T12:00:00Z", berlin);
        assertEquals("2024-10-27T00:30:00Z", first); // 02:30 CEST
        assertEquals("2024-10-28T01:30:00Z", next("30 2 * * *", first, berlin)); // 02:30 CET on the 28th
    }

    @Test
    void firingsAreStrictlyIncreasingOverAYear() {
        CronExpression e = CronExpression.parse("7 */3 * * 1-5");
        ZoneId z = ZoneId.of("Australia/Lord_Howe"); // half-hour DST shifts
        long t = micros("2024-01-01T00:00:00Z");
        for (int i = 0; i < 2000; i++) {
            long n = e.nextAfter(t, z);
            assertTrue(n > t);
            LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochSecond(n / 1_000_000L), z);
            assertEquals(7, local.getMinute());
            assertTrue(local.getDayOfWeek().getValue() <= 5, local.toString());
            t = n;
        }
    }

    record Bad(String expr, String wantInMessage) {}

    static Stream<Bad> badExpressions() {
        return Stream.of(
                new Bad("* * * *", "expected 5 fields"),
                new Bad("60 * * * *", "minute field '60' value 60 is outside 0-59"),
                new Bad("* 24 * * *", "hour field"),
                new Bad("* * 0 * *", "day-of-month field '0'"),
                new Bad("* * * 13 *", "month field"),
                new Bad("* * * FOO *", "month field 'FOO' value 'FOO' is not a number or a name like JAN"),
                new Bad("* * * * 8", "day-of-week field"),
                new Bad("*/0 * * * *", "step must be at least 1"),
                new Bad("5-1 * * * *", "runs backwards"),
                new Bad("1,,2 * * * *", "empty list item"),
                new Bad("0 0 30 2 *", "never run"),
                new Bad("@reboot", "unknown macro"),
                new Bad("", "empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badExpressions")
    void badExpressionsNameTheFieldAtFault(Bad b) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CronExpression.parse(b.expr()));
        assertTrue(e.getMessage().contains(b.wantInMessage()), e.getMessage());
    }
}
