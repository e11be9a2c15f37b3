package org.mesocosm.runtime.cron;

import java.util.List;
import java.util.Locale;

/**
 * One field of a cron expression, parsed into a bit set of the values it allows. Every field's
 * values fit in 0..63, so a {@code long} holds the set and matching is one shift and mask.
 */
enum CronField {
    SECOND("second", 0, 59, List.of()),
    MINUTE("minute", 0, 59, List.of()),
    HOUR("hour", 0, 23, List.of()),
    DAY_OF_MONTH("day-of-month", 1, 31, List.of()),
    MONTH("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    /** 0 and 7 are both Sunday, as in Vixie cron. */
    DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    final String label;
    final int min;
    final int max;
    /** Names for the values from {@code names.get(0) == first value} on (months from 1, days from 0). */
    private final List<String> names;

    CronField(String label, int min, int max, List<String> names) {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
    }

    /** Parses a comma-separated list of {@code *}, {@code a}, {@code a-b}, each optionally {@code /step}. */
    long parse(String text) {
        if (text.isEmpty()) throw error(text, "is empty");
        long bits = 0;
        for (String item : text.split(",", -1)) bits |= parseItem(text, item);
        if (this == DAY_OF_WEEK && (bits & (1L << 7)) != 0) bits = (bits & ~(1L << 7)) | 1L; // 7 -> Sunday
        return bits;
    }

    private long parseItem(String whole, String item) {
        if (item.isEmpty()) throw error(whole, "has an empty list item");
        int slash = item.indexOf('/');
        String range = slash < 0 ? item : item.substring(0, slash);
        int step = 1;
        if (slash >= 0) {
            step = number(whole, item.substring(slash + 1), "step");
            if (step < 1) throw error(whole, "step must be at least 1");
        }
        int lo;
        int hi;
        if (range.equals("*")) {
            lo = min;
            hi = max;
        } else {
            int dash = range.indexOf('-');
            lo = value(whole, dash < 0 ? range : range.substring(0, dash));
            // "a/n" means from a to the end in steps of n; a plain "a" is just a
            hi = dash >= 0 ? value(whole, range.substring(dash + 1)) : slash >= 0 ? max : lo;
            if (lo > hi) throw error(whole, "range " + range + " runs backwards");
        }
        long bits = 0;
        for (int v = lo; v <= hi; v += step) bits |= 1L << v;
        return bits;
    }

    private int value(String whole, String s) {
        int idx = names.indexOf(s.toUpperCase(Locale.ROOT));
        int v = idx >= 0 ? idx + (this == MONTH ? 1 : 0) : number(whole, s, "value");
        if (v < min || v > max) throw error(whole, "value " + s + " is outside " + min + "-" + max);
        return v;
    }

    private int number(String whole, String s, String what) {
        if (s.isEmpty() || s.length() > 4 || !s.chars().allMatch(Character::isDigit)) {
            throw error(whole, what + " '" + s + "' is not a number" + (names.isEmpty() ? "" : " or a name like " + names.get(0)));
        }
        return Integer.parseInt(s);
    }

    private IllegalArgumentException error(String whole, String reason) {
        return new IllegalArgumentException(label + " field '" + whole + "' " + reason);
    }
}
