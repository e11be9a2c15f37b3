package org.mesocosm.runtime.cron;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * A cron expression: the standard five fields (minute hour day-of-month month day-of-week) with
 * {@code *}, lists, ranges, steps and month/day names, or six fields with seconds first (as in
 * Quartz and Spring) when a job must run more often than once a minute. Macros {@code @hourly},
 * {@code @daily}, {@code @weekly}, {@code @monthly} and {@code @yearly} are accepted.
 *
 * <p>As in Vixie cron, when both day-of-month and day-of-week are restricted (neither starts with
 * {@code *}) a day matches if either does; otherwise both must.
 *
 * <p>Finding the next firing is pure computation over {@code java.time}, so the master may do it:
 * it reads no clock. Times are walked in local time of the zone. Across a daylight-saving jump a
 * local time that does not exist resolves as {@link ZonedDateTime#ofLocal} resolves it (shifted
 * by the gap), and a repeated local hour runs once, at its first occurrence.
 */
public final class CronExpression {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    /** Longest gap between two firings of any valid expression: Feb 29 on a given weekday recurs within 28 years. */
    private static final int MAX_STEPS = 1_000_000;

    private final String text;
    private final boolean hasSeconds;
    private final long seconds, minutes, hours, daysOfMonth, months, daysOfWeek;
    private final boolean domRestricted, dowRestricted;

    private CronExpression(String text, String[] f) {
        this.text = text;
        hasSeconds = f.length == 6;
        int o = hasSeconds ? 1 : 0;
        seconds = hasSeconds ? CronField.SECOND.parse(f[0]) : 1L;
        minutes = CronField.MINUTE.parse(f[o]);
        hours = CronField.HOUR.parse(f[o + 1]);
        daysOfMonth = CronField.DAY_OF_MONTH.parse(f[o + 2]);
        months = CronField.MONTH.parse(f[o + 3]);
        daysOfWeek = CronField.DAY_OF_WEEK.parse(f[o + 4]);
        domRestricted = !f[o + 2].startsWith("*");
        dowRestricted = !f[o + 4].startsWith("*");
        if (domRestricted && !dowRestricted) requireSomeDayExists();
    }

    /** Parses an expression; the message of the exception names the field at fault. */
    public static CronExpression parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty cron expression");
        String t = text.trim();
        if (t.startsWith("@")) {
            String m = MACROS.get(t.toLowerCase(Locale.ROOT));
            if (m == null) throw new IllegalArgumentException("unknown macro '" + t + "' (valid: " + String.join(", ", MACROS.keySet().stream().sorted().toList()) + ")");
            return new CronExpression(t, m.split(" "));
        }
        String[] f = t.split("\\s+");
        if (f.length != 5 && f.length != 6) {
            throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, got "
                    + f.length);
        }
        return new CronExpression(t, f);
    }

    /** True for six-field expressions (seconds first). */
    public boolean hasSeconds() { return hasSeconds; }

    /**
     * The first firing strictly after {@code epochMicros}, in microseconds since the epoch.
     * Firings are on whole seconds (six fields) or whole minutes (five).
     */
    public long nextAfter(long epochMicros, ZoneId zone) {
        Instant after = Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L);
        LocalDateTime t = LocalDateTime.ofInstant(after, zone).truncatedTo(hasSeconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES)
                .plus(1, hasSeconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES);
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            if (!has(months, t.getMonthValue())) {
                t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(t.toLocalDate())) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!has(hours, t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!has(minutes, t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else if (!has(seconds, t.getSecond())) {
                t = t.plusSeconds(1);
            } else {
                ZonedDateTime z = ZonedDateTime.ofLocal(t, zone, null);
                if (z.toInstant().isAfter(after)) return toMicros(z.toInstant());
                // a local time repeated by a DST fall-back, first occurrence already past: try the second
                ZonedDateTime later = z.withLaterOffsetAtOverlap();
                if (later.toInstant().isAfter(after)) return toMicros(later.toInstant());
                t = t.plus(1, hasSeconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES);
            }
        }
        throw new IllegalStateException("cron '" + text + "' found no firing after " + after);
    }

    private static long toMicros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000L);
    }

    private boolean dayMatches(LocalDate d) {
        boolean dom = has(daysOfMonth, d.getDayOfMonth());
        boolean dow = has(daysOfWeek, d.getDayOfWeek().getValue() % 7);
        if (domRestricted && dowRestricted) return dom || dow;
        return dom && dow;
    }

    private static boolean has(long bits, int v) {
        return (bits & (1L << v)) != 0;
    }

    /** Rejects day-of-month/month combinations that never occur, such as 30 February. */
    private void requireSomeDayExists() {
        for (Month m : Month.values()) {
            if (!has(months, m.getValue())) continue;
            for (int d = 1; d <= m.maxLength(); d++) if (has(daysOfMonth, d)) return;
        }
        throw new IllegalArgumentException("day-of-month and month never meet: '" + text + "' would never run");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronExpression c && c.text.equals(text);
    }

    @Override
    public int hashCode() { return text.hashCode(); }

    /** The expression as written. */
    @Override
    public String toString() { return text; }
}
