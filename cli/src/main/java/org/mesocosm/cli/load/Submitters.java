package org.mesocosm.cli.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client threads submitting the run's jobs over HTTP, each job once, as fast as the master
 * answers (closed loop) or paced to a target rate (open loop: job {@code i} is due at
 * {@code i / rate} seconds). Every acknowledged job goes into the {@link Ledger}; every failed
 * submission is counted by cause. A failed submission is not retried: the master may have taken
 * it, and a retry would submit it twice.
 */
final class Submitters {
    private final Transport transport;
    private final LoadJobs jobs;
    private final int total;
    private final Ledger ledger;
    private final double rate;
    private final Latencies latency = new Latencies();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong done = new AtomicLong();
    private final Map<String, Long> failures = new TreeMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private long startNanos;
    private final AtomicLong endNanos = new AtomicLong();

    Submitters(Transport transport, LoadJobs jobs, int total, Ledger ledger, int clients, double rate) {
        this.transport = transport;
        this.jobs = jobs;
        this.total = total;
        this.ledger = ledger;
        this.rate = rate;
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::submitLoop, "load-client-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    Submitters start() {
        startNanos = System.nanoTime();
        threads.forEach(Thread::start);
        return this;
    }

    /** Waits for every client to finish; returns the seconds from start to the last answer. */
    double await() throws InterruptedException {
        for (Thread t : threads) t.join();
        return (endNanos.get() - startNanos) / 1e9;
    }

    void stop() { threads.forEach(Thread::interrupt); }

    long done() { return done.get(); }

    double secondsSoFar() { return (System.nanoTime() - startNanos) / 1e9; }

    Latencies latency() { return latency; }

    long failed() {
        synchronized (failures) {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Failed submissions by cause, e.g. {@code "HTTP 503" -> 3}. */
    Map<String, Long> failures() {
        synchronized (failures) {
            return new TreeMap<>(failures);
        }
    }

    private void submitLoop() {
        HttpClient http = transport.newClient();
        for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
            LoadJobs.Job job = jobs.job(i);
            try {
                if (rate > 0) pace(i);
                long t0 = System.nanoTime();
                Transport.Reply r = transport.post(http, "api/v1/jobs", job.body(), Duration.ofSeconds(30));
                latency.add(System.nanoTime() - t0);
                if (r.status() == 201 && r.body().hasNonNull("id")) ledger.acknowledged(r.body().get("id").asText(), job.instances());
                else failed("HTTP " + r.status() + (r.body().has("error") ? ": " + r.body().get("error").asText() : ""));
            } catch (IOException e) {
                failed(e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                return;
            }
            done.incrementAndGet();
            endNanos.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    private void pace(int i) throws InterruptedException {
        long due = startNanos + (long) (i / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }

    private void failed(String cause) {
        synchronized (failures) {
            failures.merge(cause, 1L, Long::sum);
        }
    }
}
