package org.mesocosm.traces.stats;

/**
 * Counts of non-negative longs in logarithmic bins (64 per power of two, so a percentile is
 * within about 1.1% of the true value), with exact count, min, max and mean. Constant memory
 * however many values: a month of trace is hundreds of millions of instances. Zero has its own
 * bin, so a trace full of zero delays reports exactly zero.
 */
public final class LogHistogram {
    private static final int SUB = 64;
    private final long[] bins = new long[64 * SUB + 2];
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private double sum;

    public void add(long v) {
        if (v < 0) throw new IllegalArgumentException("negative value " + v);
        bins[bin(v)]++;
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
    }

    private static int bin(long v) {
        if (v == 0) return 0;
        int exp = 63 - Long.numberOfLeadingZeros(v); // floor(log2 v)
        long mant = exp >= 6 ? (v >>> (exp - 6)) & (SUB - 1) : (v << (6 - exp)) & (SUB - 1);
        return 1 + exp * SUB + (int) mant;
    }

    /** Lower bound of a bin. */
    private static long lower(int bin) {
        if (bin == 0) return 0;
        int exp = (bin - 1) / SUB;
        long mant = (bin - 1) % SUB;
        return exp >= 6 ? (SUB + mant) << (exp - 6) : (SUB + mant) >>> (6 - exp);
    }

    public long count() { return count; }

    public long min() { return count == 0 ? 0 : min; }

    public long max() { return count == 0 ? 0 : max; }

    public double mean() { return count == 0 ? 0 : sum / count; }

    /** Nearest-rank percentile (q in [0,1]), clamped to [min, max]; 0 when empty. */
    public long percentile(double q) {
        if (count == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int b = 0; b < bins.length; b++) {
            seen += bins[b];
            if (seen >= rank) {
                long lo = lower(b);
                long hi = b + 1 < bins.length ? lower(b + 1) - 1 : lo;
                long mid = lo + (Math.max(hi, lo) - lo) / 2;
                return Math.max(min, Math.min(max, mid));
            }
        }
        return max;
    }

    /** Values at the given quantiles, for charts and tables. */
    public long[] percentiles(double... qs) {
        long[] out = new long[qs.length];
        for (int i = 0; i < qs.length; i++) out[i] = percentile(qs[i]);
        return out;
    }
}
