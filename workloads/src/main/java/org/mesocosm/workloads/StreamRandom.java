package org.mesocosm.workloads;

import java.util.SplittableRandom;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.util.FastMath;
import org.mesocosm.runtime.random.RandomStreams;

/**
 * Lets Commons Math distributions draw from one named {@link RandomStreams} stream.
 *
 * <p>Every method is derived from {@link SplittableRandom#nextLong()} alone, with our own
 * arithmetic, rather than from SplittableRandom's other methods: JDK 17 moved those (notably
 * {@code nextGaussian}, now a ziggurat) into shared code that a later JDK may change, while the
 * SplitMix64 {@code nextLong} sequence has been the same since JDK 8. The Gaussian uses
 * Marsaglia's polar method over {@link FastMath}, which is pure Java and so gives the same bits
 * on every JVM.
 */
final class StreamRandom implements RandomGenerator {
    private final SplittableRandom source;
    private double spareGaussian;
    private boolean hasSpare;

    StreamRandom(SplittableRandom source) {
        this.source = source;
    }

    static StreamRandom of(RandomStreams streams, String purpose) {
        return new StreamRandom(streams.stream(purpose));
    }

    /** A named stream is seeded once, by {@link RandomStreams}; reseeding would break reproducibility. */
    @Override
    public void setSeed(int seed) {
        throw new UnsupportedOperationException("named random streams cannot be reseeded");
    }

    @Override
    public void setSeed(int[] seed) {
        throw new UnsupportedOperationException("named random streams cannot be reseeded");
    }

    @Override
    public void setSeed(long seed) {
        throw new UnsupportedOperationException("named random streams cannot be reseeded");
    }

    @Override
    public void nextBytes(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            long bits = nextLong();
            for (int k = 0; k < 8 && i < bytes.length; k++, bits >>>= 8) bytes[i++] = (byte) bits;
        }
    }

    @Override
    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** Uniform in [0, n) without modulo bias: java.util.Random's rejection rule over 31 bits. */
    @Override
    public int nextInt(int n) {
        if (n <= 0) throw new IllegalArgumentException("bound must be positive: " + n);
        int bits;
        int val;
        do {
            bits = (int) (nextLong() >>> 33);
            val = bits % n;
        } while (bits - val + (n - 1) < 0);
        return val;
    }

    @Override
    public long nextLong() {
        return source.nextLong();
    }

    @Override
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    @Override
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double scale = FastMath.sqrt(-2 * FastMath.log(s) / s);
        spareGaussian = v * scale;
        hasSpare = true;
        return u * scale;
    }
}
