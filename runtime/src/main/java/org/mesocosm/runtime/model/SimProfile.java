package org.mesocosm.runtime.model;

import java.util.Arrays;

/**
 * How a task behaves in simulation: how long each instance runs and how likely an attempt is to
 * fail. A negative duration means "runs until killed" (services).
 *
 * @param durationsMicros one duration for all instances, or one per instance
 * @param failureProbability chance that one attempt ends FAILED instead of FINISHED
 */
public record SimProfile(long[] durationsMicros, double failureProbability) {

    public static final SimProfile FOREVER = new SimProfile(new long[] {-1}, 0);

    public SimProfile {
        if (durationsMicros == null || durationsMicros.length == 0) {
            throw new IllegalArgumentException("durations must not be empty");
        }
        if (!(failureProbability >= 0 && failureProbability <= 1)) {
            throw new IllegalArgumentException("failure probability must be in [0,1]: " + failureProbability);
        }
    }

    public static SimProfile fixed(long durationMicros, double failureProbability) {
        return new SimProfile(new long[] {durationMicros}, failureProbability);
    }

    public long durationMicros(int instance) {
        return durationsMicros.length == 1 ? durationsMicros[0] : durationsMicros[instance];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimProfile p && Arrays.equals(durationsMicros, p.durationsMicros)
                && failureProbability == p.failureProbability;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(durationsMicros) * 31 + Double.hashCode(failureProbability);
    }

    @Override
    public String toString() {
        return "SimProfile" + (durationsMicros.length == 1 ? "[" + durationsMicros[0] + "us" : "[" + durationsMicros.length + " durations")
                + ", fail=" + failureProbability + "]";
    }
}
