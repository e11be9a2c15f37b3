package org.mesocosm.runtime.master;

import java.util.HashMap;
import java.util.Map;

/**
 * The ids and outcomes of jobs that have ended, kept after the master lets go of their
 * controllers, specs and tasks (their rows are already in the run output). A month of a Google
 * cell ends hundreds of thousands of jobs, so this costs bits per job, not objects.
 *
 * <p>Generated and API ids end in a counter ({@code g0001234}, {@code job-17}, a cron run
 * {@code nightly@3}): such an id is split into its stem (everything before the trailing digits,
 * plus how many digits there are, so {@code g07} and {@code g7} stay apart) and the number, and
 * each stem holds a paged bitmap of two bits per number. Dense counters cost well under a byte per
 * job; an isolated number costs one page. Ids without trailing digits, or with more than 18, go to
 * a plain map.
 */
final class FinishedJobs {
    private static final int PAGE_BITS = 9; // 512 jobs per page
    private static final int PAGE_MASK = (1 << PAGE_BITS) - 1;
    private static final int WORDS_PER_PAGE = (2 << PAGE_BITS) / Long.SIZE;
    private static final JobOutcome[] OUTCOMES = JobOutcome.values();

    /** Stem (prefix + '#' + digit count) → page number → 2 bits per job: 0 none, else outcome ordinal + 1. */
    private final Map<String, Map<Long, long[]>> byStem = new HashMap<>();
    private final Map<String, JobOutcome> other = new HashMap<>();
    private final long[] counts = new long[OUTCOMES.length];

    /** Records an ended job; an id is recorded at most once. */
    void add(String id, JobOutcome outcome) {
        if (outcome(id) != null) throw new IllegalStateException("job " + id + " already recorded as ended");
        int digitsFrom = trailingDigitsStart(id);
        if (digitsFrom < 0) {
            other.put(id, outcome);
        } else {
            long n = Long.parseLong(id, digitsFrom, id.length(), 10);
            long[] page = byStem.computeIfAbsent(stem(id, digitsFrom), k -> new HashMap<>())
                    .computeIfAbsent(n >>> PAGE_BITS, k -> new long[WORDS_PER_PAGE]);
            int bit = 2 * (int) (n & PAGE_MASK);
            page[bit >>> 6] |= (long) (outcome.ordinal() + 1) << (bit & 63);
        }
        counts[outcome.ordinal()]++;
    }

    /** The outcome of an ended job, or null if no job with this id has ended. */
    JobOutcome outcome(String id) {
        int digitsFrom = trailingDigitsStart(id);
        if (digitsFrom < 0) return other.get(id);
        Map<Long, long[]> pages = byStem.get(stem(id, digitsFrom));
        if (pages == null) return null;
        long n = Long.parseLong(id, digitsFrom, id.length(), 10);
        long[] page = pages.get(n >>> PAGE_BITS);
        if (page == null) return null;
        int bit = 2 * (int) (n & PAGE_MASK);
        int code = (int) (page[bit >>> 6] >>> (bit & 63)) & 3;
        return code == 0 ? null : OUTCOMES[code - 1];
    }

    boolean contains(String id) { return outcome(id) != null; }

    long size() {
        long n = 0;
        for (long c : counts) n += c;
        return n;
    }

    long count(JobOutcome o) { return counts[o.ordinal()]; }

    /** Where the trailing run of ASCII digits starts, or -1 if there is none or it is too long for a long. */
    private static int trailingDigitsStart(String id) {
        int i = id.length();
        while (i > 0 && id.charAt(i - 1) >= '0' && id.charAt(i - 1) <= '9') i--;
        int digits = id.length() - i;
        return digits == 0 || digits > 18 ? -1 : i;
    }

    private static String stem(String id, int digitsFrom) {
        return id.substring(0, digitsFrom) + '#' + (id.length() - digitsFrom);
    }
}
