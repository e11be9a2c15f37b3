package org.mesocosm.cli.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs many independent simulations, (point, seed) pairs, on a fixed pool of threads, one run
 * per thread at a time, and returns the results in the order the runs were given, whatever
 * order they finish in. Each run must be self-contained (its own workload, policy and
 * simulation), so a run's result never depends on which thread ran it or what ran beside it.
 *
 * <p>A run that throws is retried once, at once, on the same thread; if the retry throws too the
 * run is returned as failed with both errors. No run is ever dropped: the result list always has
 * one entry per run.
 */
public final class ExperimentEngine {

    /** One simulation to do. */
    public record Run<P>(P point, long seed) {}

    /** Does one run; may throw, and is then retried once. */
    @FunctionalInterface
    public interface Work<P, R> {
        R run(P point, long seed) throws Exception;
    }

    /**
     * What became of one run.
     *
     * @param value the result, or null when both attempts failed
     * @param attempts 1, or 2 when the first attempt failed
     * @param firstError the first attempt's error when it failed, else null
     * @param error the last error when the run failed for good, else null
     * @param wallSeconds wall time of all attempts (not deterministic: keep it out of result files)
     */
    public record Outcome<P, R>(Run<P> run, R value, int attempts, String firstError, String error, double wallSeconds) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Told of every finished run, from the engine's calling thread, in completion order. */
    @FunctionalInterface
    public interface Listener {
        void finished(int index, Outcome<?, ?> outcome);
    }

    private final int threads;

    /** @param threads worker threads; {@link #defaultThreads()} uses every core */
    public ExperimentEngine(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
        this.threads = threads;
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int threads() {
        return threads;
    }

    public <P, R> List<Outcome<P, R>> runAll(List<Run<P>> runs, Work<P, R> work, Listener listener) throws InterruptedException {
        List<Outcome<P, R>> results = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) results.add(null);
        if (runs.isEmpty()) return results;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, runs.size()), daemonThreads());
        try {
            ExecutorCompletionService<Indexed<P, R>> done = new ExecutorCompletionService<>(pool);
            for (int i = 0; i < runs.size(); i++) {
                int index = i;
                Run<P> run = runs.get(i);
                done.submit(() -> new Indexed<>(index, attempt(run, work)));
            }
            for (int k = 0; k < runs.size(); k++) {
                Indexed<P, R> r = get(done);
                results.set(r.index(), r.outcome());
                listener.finished(r.index(), r.outcome());
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    private record Indexed<P, R>(int index, Outcome<P, R> outcome) {}

    private static <P, R> Indexed<P, R> get(ExecutorCompletionService<Indexed<P, R>> done) throws InterruptedException {
        try {
            return done.take().get();
        } catch (ExecutionException e) {
            // attempt() catches everything a run throws; reaching here is a bug in the engine itself.
            throw new IllegalStateException("experiment engine failed", e.getCause());
        }
    }

    static <P, R> Outcome<P, R> attempt(Run<P> run, Work<P, R> work) {
        long t0 = System.nanoTime();
        String first = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                R value = work.run(run.point(), run.seed());
                if (value == null) throw new IllegalStateException("run returned no result");
                return new Outcome<>(run, value, attempt, first, null, (System.nanoTime() - t0) / 1e9);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome<>(run, null, attempt, first, "interrupted", (System.nanoTime() - t0) / 1e9);
            } catch (Exception | LinkageError | StackOverflowError | OutOfMemoryError | AssertionError e) {
                // Caught broadly on purpose: one broken run must be reported, not take the experiment down.
                String message = describe(e);
                if (attempt == 1) {
                    first = message;
                } else {
                    return new Outcome<>(run, null, attempt, first, message, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        throw new AssertionError("unreachable");
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "experiment-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
