package org.mesocosm.cli.gate;

/** What the gate concluded about one benchmark. */
public enum Verdict {
    /** Cheaper than the baseline beyond the tolerance. */
    FASTER(false),
    /** Within the tolerance. */
    OK(false),
    /** Costlier beyond the tolerance (after a re-run, if one was possible). */
    SLOWER(true),
    /** In the baseline but not in the current results: a benchmark that vanished cannot be vouched for. */
    MISSING(true),
    /** In the current results only: reported, not judged, until the baseline is regenerated. */
    NEW(false);

    private final boolean fails;

    Verdict(boolean fails) {
        this.fails = fails;
    }

    public boolean fails() {
        return fails;
    }
}
