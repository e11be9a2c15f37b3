package org.mesocosm.cli.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.mesocosm.runtime.log.InputCodec;
import org.mesocosm.runtime.model.Resources;

/**
 * An agent that speaks the real agent protocol over HTTP (register, heartbeat long poll bringing
 * launches and kills, status reports) but runs no processes: a launched task is RUNNING at once
 * and FINISHED after the run time its job asked for ({@link LoadJobs#RUN_MS_ENV}). It books the
 * resources of what it runs and tells the {@link Ledger} when a launch does not fit, so
 * over-commitment is checked from the agents' side.
 *
 * <p>One thread per agent holds its heartbeat; status reports go out on a shared pool, at most
 * one request per agent at a time so that an agent's reports arrive in order.
 */
final class LoadAgent {
    private static final int STATUS_BATCH = 500;
    private static final long DEFAULT_RUN_MS = 100;

    private final String id;
    private final Resources total;
    private final Transport transport;
    private final HttpClient http;
    private final Ledger ledger;
    private final ScheduledExecutorService clock;
    private final ExecutorService senders;
    private final Latencies statusLatency;
    private final Thread heartbeats;
    private final Map<String, Running> running = new HashMap<>(); // guarded by this
    private Resources used = Resources.ZERO; // guarded by this
    private final ConcurrentLinkedQueue<ObjectNode> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicLong registrations = new AtomicLong();
    private final AtomicLong kills = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong heartbeatCount = new AtomicLong();
    private final AtomicLong busyHeartbeats = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong statusPosts = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private volatile boolean registered;
    private volatile boolean stopped;
    private volatile long lastSeq;
    private volatile long pollWaitMillis = 5000;

    /** Requests an agent made, and what they carried. */
    record Traffic(long heartbeats, long busyHeartbeats, long commands, long statusPosts, long updates, long retried) {
        Traffic plus(Traffic o) {
            return new Traffic(heartbeats + o.heartbeats, busyHeartbeats + o.busyHeartbeats, commands + o.commands, statusPosts + o.statusPosts,
                    updates + o.updates, retried + o.retried);
        }
    }

    private record Running(Resources request, ScheduledFuture<?> end) {}

    LoadAgent(String id, Resources total, Transport transport, HttpClient http, Ledger ledger, ScheduledExecutorService clock,
              ExecutorService senders, Latencies statusLatency) {
        this.id = id;
        this.total = total;
        this.transport = transport;
        this.http = http;
        this.ledger = ledger;
        this.clock = clock;
        this.senders = senders;
        this.statusLatency = statusLatency;
        this.heartbeats = new Thread(this::heartbeatLoop, "load-agent-" + id);
        heartbeats.setDaemon(true);
    }

    LoadAgent start() {
        heartbeats.start();
        return this;
    }

    String id() { return id; }

    boolean isRegistered() { return registered; }

    /** Registrations beyond the first mean the master lost track of this agent once. */
    long registrations() { return registrations.get(); }

    long killsReceived() { return kills.get(); }

    Traffic traffic() {
        return new Traffic(heartbeatCount.get(), busyHeartbeats.get(), commands.get(), statusPosts.get(), updates.get(), errors.get());
    }

    synchronized int runningTasks() { return running.size(); }

    void stop() {
        stopped = true;
        heartbeats.interrupt();
    }

    private void heartbeatLoop() {
        while (!stopped) {
            try {
                if (!registered) register();
                Transport.Reply r = transport.post(http, "api/v1/agents/" + id + "/heartbeat?after=" + lastSeq, "{}".getBytes(),
                        Duration.ofMillis(pollWaitMillis + 10_000));
                if (r.status() == 409) {
                    registered = false;
                    continue;
                }
                if (!r.ok()) throw new IOException("heartbeat answered " + r.status() + ": " + r.text());
                heartbeatCount.incrementAndGet();
                int n = r.body().path("commands").size();
                if (n > 0) busyHeartbeats.incrementAndGet();
                commands.addAndGet(n);
                for (JsonNode c : r.body().path("commands")) {
                    long seq = c.path("seq").asLong();
                    if (seq <= lastSeq) continue; // sent again after a lost answer: already done
                    lastSeq = seq;
                    handle(c);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (stopped) return;
                errors.incrementAndGet();
                pause(200);
            }
        }
    }

    private void register() throws IOException, InterruptedException {
        ObjectNode b = Transport.JSON.createObjectNode().put("id", id);
        b.set("resources", InputCodec.resources(total));
        ArrayNode r = b.putArray("running");
        synchronized (this) {
            running.keySet().forEach(r::add);
        }
        Transport.Reply reply = transport.post(http, "api/v1/agents/register", Transport.JSON.writeValueAsBytes(b), Duration.ofSeconds(30));
        if (!reply.ok()) throw new IOException("register answered " + reply.status() + ": " + reply.text());
        lastSeq = reply.body().path("after").asLong();
        pollWaitMillis = reply.body().path("poll_wait_ms").asLong(5000);
        registrations.incrementAndGet();
        registered = true;
    }

    private void handle(JsonNode c) {
        String type = c.path("type").asText();
        String taskId = c.path("task_id").asText();
        if (type.equals("launch")) {
            launch(taskId, c);
        } else if (type.equals("kill")) {
            kills.incrementAndGet();
            Running r;
            synchronized (this) {
                r = running.remove(taskId);
                if (r != null) used = used.minus(r.request());
            }
            if (r != null) {
                r.end().cancel(false); // if its end is already running, that finds the task gone and reports nothing
                end(taskId, "KILLED", -1, "killed on request");
            } else {
                report(taskId, "KILLED", -1, "not running on this agent"); // as a real agent answers; not an end of ours
            }
        }
    }

    private void launch(String taskId, JsonNode c) {
        Resources req = InputCodec.resources(c.path("resources"));
        ledger.launched(id, taskId, c.path("job_id").asText(), c.path("instance").asInt(-1));
        long runMs = c.path("env").path(LoadJobs.RUN_MS_ENV).asLong(DEFAULT_RUN_MS);
        synchronized (this) {
            if (running.containsKey(taskId)) return; // the ledger counted the second launch
            Resources after = used.plus(req);
            if (!total.fits(after)) ledger.overcommitted(id, "running " + used + " + " + taskId + " " + req + " > " + total);
            used = after;
            ScheduledFuture<?> end = clock.schedule(() -> finish(taskId), runMs, TimeUnit.MILLISECONDS);
            running.put(taskId, new Running(req, end));
        }
        report(taskId, "RUNNING", -1, "");
    }

    private void finish(String taskId) {
        synchronized (this) {
            Running r = running.remove(taskId);
            if (r == null) return; // killed meanwhile
            used = used.minus(r.request());
        }
        end(taskId, "FINISHED", 0, "");
    }

    private void end(String taskId, String state, int exit, String message) {
        ledger.ended(id, taskId, state);
        report(taskId, state, exit, message);
    }

    private void report(String taskId, String state, int exit, String message) {
        outbox.add(Transport.JSON.createObjectNode().put("task_id", taskId).put("state", state).put("exit_code", exit).put("message", message));
        if (sending.compareAndSet(false, true)) senders.execute(this::sendReports);
    }

    /**
     * Sends what the outbox holds, in order, until it is empty. Only one sender per agent runs at
     * a time (the {@code sending} flag), so a batch that failed is simply sent again.
     */
    private void sendReports() {
        List<ObjectNode> batch = new ArrayList<>();
        while (!stopped) {
            if (batch.isEmpty()) {
                for (ObjectNode u; batch.size() < STATUS_BATCH && (u = outbox.poll()) != null; ) batch.add(u);
            }
            if (batch.isEmpty()) {
                sending.set(false);
                // a report added after the poll above but before the flag dropped would otherwise wait for the next one
                if (outbox.isEmpty() || !sending.compareAndSet(false, true)) return;
                continue;
            }
            if (!registered) {
                pause(20);
                continue;
            }
            ObjectNode b = Transport.JSON.createObjectNode();
            b.putArray("updates").addAll(batch);
            try {
                long t0 = System.nanoTime();
                Transport.Reply r = transport.post(http, "api/v1/agents/" + id + "/status", Transport.JSON.writeValueAsBytes(b),
                        Duration.ofSeconds(30));
                statusLatency.add(System.nanoTime() - t0);
                if (r.ok()) {
                    statusPosts.incrementAndGet();
                    updates.addAndGet(batch.size());
                    batch.clear();
                } else if (r.status() == 409) {
                    registered = false;
                } else {
                    errors.incrementAndGet();
                    pause(100);
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                pause(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
