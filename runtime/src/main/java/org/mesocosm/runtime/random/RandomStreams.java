package org.mesocosm.runtime.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named random streams derived from one seed. Each purpose (arrivals, durations, failures, ...)
 * draws from its own stream, so adding a draw in one place never shifts the numbers another
 * place sees. The derivation is fixed (FNV-1a of the name mixed with the seed by SplitMix64), so
 * streams are the same on every machine and JDK.
 */
public final class RandomStreams {
    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() { return seed; }

    /** A fresh generator for {@code name}; the same name always gives the same sequence. */
    public SplittableRandom stream(String name) {
        return new SplittableRandom(seedFor(name));
    }

    /** The 64-bit seed of the stream {@code name}. */
    public long seedFor(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return mix(seed ^ mix(h));
    }

    /** SplitMix64's finalizer: a bijective scrambling of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
