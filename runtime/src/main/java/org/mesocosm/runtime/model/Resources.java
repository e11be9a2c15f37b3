package org.mesocosm.runtime.model;

/**
 * A fixed vector of schedulable resources. Integer units only (millicores, MiB), so that the
 * core never accumulates floating-point drift and every run is bit-for-bit reproducible.
 */
public record Resources(long cpuMillis, long memMiB, long diskMiB, long gpus) {

    public static final Resources ZERO = new Resources(0, 0, 0, 0);

    public Resources {
        if (cpuMillis < 0 || memMiB < 0 || diskMiB < 0 || gpus < 0) {
            throw new IllegalArgumentException("negative resources: cpu=" + cpuMillis + "m mem=" + memMiB
                    + "MiB disk=" + diskMiB + "MiB gpus=" + gpus);
        }
    }

    public static Resources of(long cpuMillis, long memMiB) {
        return new Resources(cpuMillis, memMiB, 0, 0);
    }

    public Resources plus(Resources o) {
        return new Resources(cpuMillis + o.cpuMillis, memMiB + o.memMiB, diskMiB + o.diskMiB, gpus + o.gpus);
    }

    /** Subtraction that must not go negative: going negative means a double-booking bug. */
    public Resources minus(Resources o) {
        return new Resources(cpuMillis - o.cpuMillis, memMiB - o.memMiB, diskMiB - o.diskMiB, gpus - o.gpus);
    }

    public Resources times(long n) {
        return new Resources(cpuMillis * n, memMiB * n, diskMiB * n, gpus * n);
    }

    /** True when a request of {@code o} fits in these resources. */
    public boolean fits(Resources o) {
        return o.cpuMillis <= cpuMillis && o.memMiB <= memMiB && o.diskMiB <= diskMiB && o.gpus <= gpus;
    }

    public boolean isZero() {
        return cpuMillis == 0 && memMiB == 0 && diskMiB == 0 && gpus == 0;
    }

    /** Largest share of {@code total} that these resources take on any dimension (the DRF dominant share). */
    public double dominantShare(Resources total) {
        double s = 0;
        if (total.cpuMillis > 0) s = Math.max(s, (double) cpuMillis / total.cpuMillis);
        if (total.memMiB > 0) s = Math.max(s, (double) memMiB / total.memMiB);
        if (total.diskMiB > 0) s = Math.max(s, (double) diskMiB / total.diskMiB);
        if (total.gpus > 0) s = Math.max(s, (double) gpus / total.gpus);
        return s;
    }

    public static Resources min(Resources a, Resources b) {
        return new Resources(Math.min(a.cpuMillis, b.cpuMillis), Math.min(a.memMiB, b.memMiB),
                Math.min(a.diskMiB, b.diskMiB), Math.min(a.gpus, b.gpus));
    }

    @Override
    public String toString() {
        return "<cpu=" + cpuMillis + "m,mem=" + memMiB + "MiB" + (diskMiB > 0 ? ",disk=" + diskMiB + "MiB" : "")
                + (gpus > 0 ? ",gpus=" + gpus : "") + ">";
    }
}
