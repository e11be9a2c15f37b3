package org.mesocosm.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mesocosm.runtime.security.ClientSecurity;

/**
 * A live agent: registers with the master, heartbeats (each heartbeat is a long poll that brings
 * back the agent's commands), runs launched tasks as OS processes ({@link TaskRunner}) and reports
 * their status changes until the master has acknowledged them.
 *
 * <p>When the master answers that it does not have this agent (it missed heartbeats and declared
 * it lost, or it restarted), the agent registers again listing every task it still runs or has
 * not yet reported the end of; the master re-adopts those it expects and kills the rest.
 */
public final class LiveAgent implements AutoCloseable {
    private static final int STATUS_BATCH = 500;

    private final AgentSettings settings;
    private final MasterLink link;
    private final PrintStream log;
    /** Tasks launched here whose end the master has not yet acknowledged. */
    private final Map<String, TaskRunner> tasks = new ConcurrentHashMap<>();
    /** The agent's GPU devices (settings' gpus), and which tasks hold them. */
    private final GpuDeviceLedger gpuDevices;
    private final LinkedBlockingQueue<ObjectNode> outbox = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mesocosm-agent-timer"));
    /** Reads and uploads log slices off the heartbeat thread: a slow disk or master must not delay launches and kills. */
    private final ExecutorService logReader = Executors.newSingleThreadExecutor(r -> daemon(r, "mesocosm-agent-logs"));
    private final Thread heartbeats;
    private final Thread statuses;
    private final Object registration = new Object();
    private final SandboxSweeper sweeper;
    private volatile boolean registered;
    private volatile boolean running = true;
    private volatile long lastSeq;
    private volatile long pollWaitMillis = 5000;
    private volatile boolean paused;
    private boolean unreachableReported;

    public LiveAgent(AgentSettings settings, PrintStream log) {
        this(settings, log, ClientSecurity.NONE);
    }

    /** @param security the master this agent trusts and the token it presents */
    public LiveAgent(AgentSettings settings, PrintStream log, ClientSecurity security) {
        this(settings, java.util.List.of(settings.master()), log, security);
    }

    /**
     * An agent of a replicated master (issue 19): it talks to the leader among {@code masters}
     * (settings.master() first) and fails over to the next when it cannot reach it, registering
     * again with the new leader, which reconciles its tasks as a restarted master does.
     */
    public LiveAgent(AgentSettings settings, java.util.List<java.net.URI> masters, PrintStream log, ClientSecurity security) {
        this.settings = settings;
        this.gpuDevices = new GpuDeviceLedger((int) Math.min(settings.total().gpus(), 1024));
        this.link = new MasterLink(masters, settings.id(), security);
        this.log = log;
        this.sweeper = new SandboxSweeper(settings.workDir(), settings.sandboxRetentionMillis(), log);
        this.heartbeats = daemon(this::heartbeatLoop, "mesocosm-agent-heartbeat-" + settings.id());
        this.statuses = daemon(this::statusLoop, "mesocosm-agent-status-" + settings.id());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Adopts the tasks a previous life of this agent left running in its work dir, then registers. */
    public LiveAgent start() {
        try {
            List<TaskRunner> adopted = TaskRunner.adopt(settings.workDir(), this::exited);
            for (TaskRunner r : adopted) tasks.put(r.taskId, r);
            if (!adopted.isEmpty()) log.println("agent " + settings.id() + ": found " + adopted.size() + " tasks still running from before");
        } catch (IOException e) {
            log.println("agent " + settings.id() + ": cannot look for tasks from before in " + settings.workDir() + ": " + e.getMessage());
        }
        long every = sweeper.periodMillis();
        timer.scheduleWithFixedDelay(() -> sweeper.sweep(System.currentTimeMillis()), every, every, TimeUnit.MILLISECONDS);
        heartbeats.start();
        statuses.start();
        return this;
    }

    public String id() { return settings.id(); }

    public boolean isRegistered() { return registered; }

    /** Tasks whose process is running now. */
    public int runningTasks() {
        int n = 0;
        for (TaskRunner r : tasks.values()) if (r.isAlive()) n++;
        return n;
    }

    /**
     * Stops or resumes talking to the master while tasks keep running: a network partition, as
     * the master sees it. For tests of agent loss and reconciliation.
     */
    public void setPaused(boolean paused) { this.paused = paused; }

    private void heartbeatLoop() {
        while (running) {
            try {
                if (paused) {
                    Thread.sleep(50);
                    continue;
                }
                if (!registered) register();
                for (JsonNode c : link.heartbeat(lastSeq, pollWaitMillis)) {
                    long seq = c.path("seq").asLong();
                    if (seq <= lastSeq) continue; // sent again after a lost answer: already done
                    if (paused) break; // not acknowledged: sent again after the pause (or voided if the master gave up on us)
                    lastSeq = seq;
                    handle(c);
                }
                reachable();
            } catch (MasterLink.RegisterAgain e) {
                registered = false;
            } catch (IOException e) {
                unreachable(e);
                sleep(link.masters() > 1 ? 250 : 1000); // with several masters the next one is tried: a new leader is found sooner
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.println("agent " + settings.id() + ": error: " + e);
                sleep(1000);
            }
        }
    }

    private void register() throws IOException {
        MasterLink.Registration r = link.register(settings, new ArrayList<>(tasks.keySet()));
        lastSeq = r.after();
        pollWaitMillis = r.pollWaitMillis();
        synchronized (registration) {
            registered = true;
            registration.notifyAll();
        }
        log.println("agent " + settings.id() + ": registered with " + link.master() + " (" + tasks.size() + " tasks)");
    }

    private void handle(JsonNode c) {
        String type = c.path("type").asText();
        String taskId = c.path("task_id").asText();
        if (type.equals("launch")) {
            if (tasks.containsKey(taskId)) return;
            try {
                gpusFor(c);
                TaskRunner.start(c, settings, r -> {
                    tasks.put(taskId, r);
                    report(taskId, "RUNNING", -1, "pid " + r.pid() + ", sandbox " + r.sandbox);
                }, this::exited);
            } catch (IOException | RuntimeException e) {
                gpuDevices.release(taskId);
                report(taskId, "FAILED", -1, "could not start: " + e.getMessage());
            }
        } else if (type.equals("kill")) {
            TaskRunner r = tasks.get(taskId);
            if (r == null) report(taskId, "KILLED", -1, "not running on this agent");
            else r.kill(settings.killGraceMillis(), timer);
        } else if (type.equals("logs")) {
            logReader.execute(() -> sendLogs(c));
        } else {
            log.println("agent " + settings.id() + ": ignoring unknown command type '" + type + "'");
        }
    }

    /**
     * Answers a {@code logs} command: a slice of the named task's stdout or stderr, read from the
     * sandbox this agent's own record names ({@link TaskLogs}), or why not. One try: a lost answer
     * makes the client's request time out, and the client asks again.
     */
    private void sendLogs(JsonNode c) {
        ObjectNode answer = MasterLink.JSON.createObjectNode().put("request", c.path("request").asText());
        try {
            TaskLogs.Slice s = TaskLogs.read(settings.workDir(), c.path("task_id").asText(), c.path("stream").asText(),
                    c.path("offset").asLong(0), c.path("limit").asInt(TaskLogs.MAX_LIMIT), log);
            answer.put("offset", s.offset()).put("size", s.size()).put("data", Base64.getEncoder().encodeToString(s.data()));
        } catch (TaskLogs.Refused e) {
            answer.put("error", e.getMessage()).put("unsafe", e.unsafe);
        }
        try {
            link.logs(answer);
        } catch (IOException | MasterLink.RegisterAgain e) {
            log.println("agent " + settings.id() + ": could not send logs of " + c.path("task_id").asText() + ": " + e.getMessage());
        }
    }

    /**
     * A task the master gave GPU devices (launch fields gpu_devices and gpu_milli) books them in the
     * agent's ledger, which refuses devices that are not free; TaskRunner hands them to the process as
     * CUDA_VISIBLE_DEVICES and MESOCOSM_GPU_MILLI.
     */
    private void gpusFor(JsonNode launch) {
        String devices = launch.path(TaskRunner.GPU_DEVICES_FIELD).asText("");
        if (devices.isEmpty()) return;
        String[] parts = devices.split(",", -1);
        int[] devs = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) devs[i] = Integer.parseInt(parts[i].trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("gpu_devices '" + devices + "' is not a list of device indices");
        }
        gpuDevices.take(launch.path("task_id").asText(), devs, launch.path("gpu_milli").asInt(0));
    }

    private void exited(TaskRunner.Outcome o) {
        gpuDevices.release(o.taskId());
        if (o.killed()) {
            report(o.taskId(), "KILLED", o.exitCode(), "killed on request");
        } else if (o.exitCode() < 0) {
            report(o.taskId(), "FAILED", -1, "ended while the agent was not running; exit status unknown");
        } else if (o.exitCode() == 0) {
            report(o.taskId(), "FINISHED", 0, "");
        } else {
            report(o.taskId(), "FAILED", o.exitCode(), o.exitCode() > 128 ? "killed by signal " + (o.exitCode() - 128)
                    : "exited with status " + o.exitCode());
        }
    }

    private void report(String taskId, String state, int exitCode, String message) {
        outbox.add(MasterLink.JSON.createObjectNode().put("task_id", taskId).put("state", state).put("exit_code", exitCode)
                .put("message", message));
    }

    /** Sends status updates in order, in batches, until the master has taken each; then forgets ended tasks. */
    private void statusLoop() {
        List<ObjectNode> batch = new ArrayList<>();
        while (running) {
            try {
                if (batch.isEmpty()) {
                    batch.add(outbox.take());
                    outbox.drainTo(batch, STATUS_BATCH - 1);
                }
                if (paused || !awaitRegistered()) {
                    Thread.sleep(50);
                    continue;
                }
                link.status(batch);
                for (ObjectNode u : batch) if (!u.path("state").asText().equals("RUNNING")) tasks.remove(u.path("task_id").asText());
                batch.clear();
            } catch (MasterLink.RegisterAgain e) {
                registered = false;
            } catch (IOException e) {
                sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean awaitRegistered() throws InterruptedException {
        synchronized (registration) {
            if (!registered) registration.wait(500);
            return registered;
        }
    }

    private void unreachable(IOException e) {
        if (!unreachableReported) log.println("agent " + settings.id() + ": master " + link.master() + " unreachable (" + e.getMessage() + "); retrying");
        unreachableReported = true;
    }

    private void reachable() {
        if (unreachableReported) log.println("agent " + settings.id() + ": master reachable again");
        unreachableReported = false;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Stops the agent but leaves its tasks running, as a restart for an upgrade does: the next
     * agent started on the same work dir adopts them.
     */
    public void detach() {
        running = false;
        heartbeats.interrupt();
        statuses.interrupt();
        timer.shutdownNow();
        logReader.shutdownNow();
    }

    /** Stops the agent and kills every task it runs (process groups included), waiting for them to end. */
    @Override
    public void close() {
        if (timer.isShutdown()) return; // closed or detached already
        running = false;
        heartbeats.interrupt();
        statuses.interrupt();
        for (TaskRunner r : tasks.values()) if (r.isAlive()) r.kill(Math.min(settings.killGraceMillis(), 1000), timer);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (TaskRunner r : tasks.values()) {
            while (r.isAlive() && System.nanoTime() < deadline) sleep(20);
        }
        timer.shutdownNow();
        logReader.shutdownNow();
    }
}
