package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.mesocosm.runtime.log.InputCodec;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.CommandSink;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.JobOutcome;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.model.JobKind;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;
import org.mesocosm.runtime.policy.PlacementPolicy;
import org.mesocosm.runtime.secrets.EncryptedSecretStore;
import org.mesocosm.runtime.secrets.SecretStores;
import org.mesocosm.runtime.spec.ParsedJob;

/**
 * Runs the master core against the real world. One event-loop thread owns the master and feeds
 * it every input with the wall-clock time in microseconds since the epoch (so the master's time
 * is calendar time and cron needs no offset); commands go to agents' mailboxes
 * ({@link AgentChannel}), timers to a scheduler that feeds {@link Input.TimerFired} back through
 * the loop. Agents that stop polling for longer than the timeout are reported lost. Every input
 * fed is appended, with its time, to the input log, from which a run can be replayed exactly or
 * a restarted master recover its state.
 */
public final class LiveDriver implements AutoCloseable {
    /**
     * @param policy the policy spec, e.g. {@code drf:interval=50ms}; recorded in the input log
     * @param agentTimeoutMillis an agent not heard from for this long is lost
     * @param pollWaitMillis longest a command poll is held open (must be well under the timeout)
     * @param stateDir where the input log and the encrypted secrets go; null for none
     * @param clockOffsetMicros added to the wall clock; non-zero only in tests that need a cron boundary soon
     */
    public record Settings(String policy, MasterConfig master, long agentTimeoutMillis, long pollWaitMillis, Path stateDir,
                           long clockOffsetMicros) {
        public Settings {
            if (agentTimeoutMillis <= 0) throw new IllegalArgumentException("agent timeout must be positive");
            if (pollWaitMillis < 0 || pollWaitMillis >= agentTimeoutMillis) {
                throw new IllegalArgumentException("poll wait must be shorter than the agent timeout");
            }
        }

        public static Settings defaults(String policy) {
            return new Settings(policy, MasterConfig.DEFAULT, 15_000, 5_000, null, 0);
        }

        public Settings withStateDir(Path dir) { return new Settings(policy, master, agentTimeoutMillis, pollWaitMillis, dir, clockOffsetMicros); }

        public Settings withAgentTimeout(long timeoutMillis, long pollMillis) {
            return new Settings(policy, master, timeoutMillis, pollMillis, stateDir, clockOffsetMicros);
        }

        public Settings withClockOffset(long micros) { return new Settings(policy, master, agentTimeoutMillis, pollWaitMillis, stateDir, micros); }
    }

    public static final String INPUT_LOG = "inputs.jsonl";
    private static final long CALL_TIMEOUT_SECONDS = 10;

    private final Settings settings;
    private final ScheduledExecutorService loop;
    private final ScheduledExecutorService timeouts;
    private final LongSupplier wallMicros;
    private final CommandSink tap;
    private final LiveState state = new LiveState();
    private final Map<String, AgentChannel> channels = new ConcurrentHashMap<>();
    private final Master master;
    private final PlacementPolicy policy;
    private final EncryptedSecretStore secrets;
    private final JobUsers users;
    private final InputLog.Writer log;
    private final Recovery recovery = new Recovery();
    private Thread loopThread;
    private long now;
    private long nextJobNumber = 1;
    private long inputsFed;
    private long masterErrors;

    /**
     * @param policy a fresh policy made from {@code settings.policy()}
     * @param wallMicros the wall clock, microseconds since the epoch
     * @param tap sees every command the master emits (tests); may be null
     */
    public LiveDriver(Settings settings, PlacementPolicy policy, LongSupplier wallMicros, CommandSink tap) throws IOException {
        this(settings, policy, wallMicros, tap, SecretStores.open(settings.stateDir(), null));
    }

    /** @param secrets the named secrets ({@link SecretStores#open}) */
    public LiveDriver(Settings settings, PlacementPolicy policy, LongSupplier wallMicros, CommandSink tap, EncryptedSecretStore secrets)
            throws IOException {
        this.settings = settings;
        this.policy = policy;
        this.wallMicros = wallMicros;
        this.tap = tap;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mesocosm-master-loop");
            t.setDaemon(true);
            loopThread = t;
            return t;
        });
        this.timeouts = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mesocosm-poll-timeouts");
            t.setDaemon(true);
            return t;
        });
        this.master = new Master(settings.master(), policy, this::onCommand, state);
        Path dir = settings.stateDir();
        if (dir != null) Files.createDirectories(dir);
        this.secrets = secrets;
        this.users = new JobUsers(dir == null ? null : dir.resolve("users.json"));
        InputLog.Contents previous = dir != null && Files.exists(dir.resolve(INPUT_LOG)) ? InputLog.read(dir.resolve(INPUT_LOG)) : null;
        if (previous != null && !previous.header().policy().equals(settings.policy())) {
            throw new IllegalArgumentException("the state in " + dir + " was recorded with policy '" + previous.header().policy()
                    + "'; start with that policy or another --state-dir");
        }
        this.log = dir == null ? null : new InputLog.Writer(dir.resolve(INPUT_LOG), new InputLog.Header(settings.policy(), settings.master()));
        if (previous != null) call(() -> recovery.replay(previous));
    }

    /** Starts watching agent heartbeats. */
    public LiveDriver start() {
        long period = Math.max(50, settings.agentTimeoutMillis() / 4);
        loop.scheduleAtFixedRate(this::checkHeartbeats, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    public Settings settings() { return settings; }

    public PlacementPolicy policy() { return policy; }

    /** Runs {@code work} on the event loop and waits for its result; this is how every request reaches the master. */
    public <T> T call(Callable<T> work) {
        try {
            return loop.submit(work).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiError(503, "the master's event loop did not answer within " + CALL_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted");
        }
    }

    // ---- on the event loop ------------------------------------------------------------------

    Master master() { checkLoop(); return master; }

    LiveState state() { checkLoop(); return state; }

    long inputsFed() { return inputsFed; }

    long masterErrors() { return masterErrors; }

    long nowMicros() { return now; }

    /** Submits a job; assigns an id if the spec had none. Returns the id. */
    String submit(ParsedJob job) {
        checkLoop();
        SecretUse.requireKnown(job.spec(), secrets); // before an id is handed out: a refused job uses none up
        if (!job.idGiven()) {
            String id;
            do id = "job-" + nextJobNumber++; while (master.hasJob(id));
            job = job.withId(id);
        } else if (master.hasJob(job.spec().id())) {
            throw new ApiError(409, "id", "id: a job '" + job.spec().id() + "' already exists");
        }
        users.put(job.spec().id(), job.user());
        feed(new Input.JobSubmitted(job.spec()));
        return job.spec().id();
    }

    void kill(String jobId) {
        checkLoop();
        requireJob(jobId);
        feed(new Input.JobKillRequested(jobId));
    }

    void scale(String jobId, String taskName, int instances) {
        checkLoop();
        LiveState.JobRecord j = requireJob(jobId);
        if (j.spec.kind() != JobKind.SERVICE) {
            throw new ApiError(400, "", "only services scale; " + jobId + " is a " + j.spec.kind().name().toLowerCase(Locale.ROOT) + " job");
        }
        if (!j.targets.containsKey(taskName)) throw new ApiError(400, "task", "task: job " + jobId + " has no task group '" + taskName + "'");
        if (j.endedAt >= 0 || j.killRequested) throw new ApiError(409, "", "job " + jobId + " is " + j.status());
        feed(new Input.JobScaled(jobId, taskName, instances));
    }

    LiveState.JobRecord requireJob(String jobId) {
        LiveState.JobRecord j = state.job(jobId);
        if (j == null && master.jobOutcome(jobId) != null) {
            throw new ApiError(409, "job '" + jobId + "' has ended (" + Views.status(master.jobOutcome(jobId)) + "); only its outcome is kept");
        }
        if (j == null) throw new ApiError(404, "no job '" + jobId + "'");
        return j;
    }

    /** The outcome of an ended job whose details the API has forgotten (see {@link LiveState#ENDED_JOBS_KEPT}); else null. */
    JobOutcome forgottenOutcome(String jobId) {
        checkLoop();
        return state.job(jobId) == null ? master.jobOutcome(jobId) : null;
    }

    /** An agent registers (first time or again); returns the command sequence number it should poll after. */
    long registerAgent(String id, Resources total, Map<String, String> attributes, List<String> running) {
        checkLoop();
        AgentChannel ch = channel(id, true);
        long after = ch.reset();
        Agent known = master.cluster().agent(id);
        if ((known == null || !known.isUp()) && running.isEmpty()) {
            feed(new Input.AgentAdded(id, total, attributes));
        } else {
            feed(new Input.AgentReregistered(id, total, attributes, running));
        }
        ch.seen(System.nanoTime());
        ch.setUp(true);
        ch.setMustRegister(false);
        return after;
    }

    /** Status updates from an agent. Updates about tasks the master has not placed on that agent are dropped. */
    void statusUpdates(String agentId, List<Input.TaskStatus> updates) {
        checkLoop();
        for (Input.TaskStatus u : updates) {
            var t = master.task(u.taskId());
            if (t == null || t.agent() == null || !t.agent().id().equals(agentId)) continue;
            if (t.state() == TaskState.RUNNING && u.state() == TaskState.RUNNING) continue; // a resend: nothing new
            feed(u);
        }
    }

    Collection<AgentChannel> channels() { return channels.values(); }

    EncryptedSecretStore secrets() { checkLoop(); return secrets; }

    private void feed(Input in) {
        feedAt(wallMicros.getAsLong() + settings.clockOffsetMicros(), in);
    }

    /** Hands one input to the master at {@code at} (or later: time never goes back). */
    private void feedAt(long at, Input in) {
        now = Math.max(now, at);
        if (log != null) {
            log.append(now, in);
            log.flush();
        }
        inputsFed++;
        state.inputFed(in);
        try {
            master.handle(now, in);
        } catch (RuntimeException e) {
            // a bug, or an input that slipped past validation: keep serving, but loudly
            masterErrors++;
            System.err.println("mesocosm master: error handling " + in + ": " + e);
            e.printStackTrace();
        }
        if (in instanceof Input.AgentRemoved r) channel(r.agentId(), true).setUp(false);
    }

    private void onCommand(long at, Command c) {
        if (tap != null) tap.emit(at, c);
        if (recovery.active) {
            recovery.command(c);
            return;
        }
        if (c instanceof Command.ScheduleTimer t) {
            armTimer(t.atMicros(), t.timerId());
        } else if (c instanceof Command.Launch l) {
            channel(l.agentId(), true).enqueue(launchCommand(l));
        } else if (c instanceof Command.Kill k) {
            ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", "kill").put("task_id", k.taskId());
            channel(k.agentId(), true).enqueue(o);
        } else {
            throw new IllegalStateException("unexpected command " + c);
        }
    }

    private void armTimer(long atMicros, long timerId) {
        long delayMicros = Math.max(0, atMicros - now);
        loop.schedule(() -> feedAt(Math.max(atMicros, wallMicros.getAsLong() + settings.clockOffsetMicros()), new Input.TimerFired(timerId)),
                delayMicros, TimeUnit.MICROSECONDS);
    }

    private ObjectNode launchCommand(Command.Launch l) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("type", "launch").put("task_id", l.taskId()).put("job_id", l.jobId())
                .put("instance", l.instance()).put("command", l.command());
        String user = users.get(l.jobId());
        if (user != null) o.put("user", user);
        o.set("resources", InputCodec.resources(l.resources()));
        ObjectNode env = o.putObject("env");
        l.env().forEach(env::put);
        var task = master.task(l.taskId());
        o.set("secrets", SecretUse.launchPayload(task == null ? null : task.spec(), secrets));
        return o;
    }

    private void checkHeartbeats() {
        long nowNanos = System.nanoTime();
        long limit = TimeUnit.MILLISECONDS.toNanos(settings.agentTimeoutMillis());
        for (AgentChannel ch : channels.values()) {
            if (ch.isUp() && nowNanos - ch.lastSeenNanos() > limit) {
                feed(new Input.AgentRemoved(ch.agentId, "no heartbeat for " + settings.agentTimeoutMillis() / 1000.0 + " s"));
            }
        }
    }

    /** The mailbox of an agent (any thread). */
    AgentChannel channel(String id, boolean create) {
        return create ? channels.computeIfAbsent(id, k -> new AgentChannel(k, timeouts)) : channels.get(id);
    }

    private void checkLoop() {
        if (Thread.currentThread() != loopThread) throw new IllegalStateException("not on the master's event loop");
    }

    @Override
    public void close() throws IOException {
        loop.shutdownNow();
        timeouts.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (log != null) log.close();
    }

    /**
     * Rebuilds the master from a previous life's input log: the same inputs at the same times give
     * the same state. Commands are not sent again (they were sent, or lost with the old process;
     * agents re-registering reconcile either way); timers still outstanding are armed again, and
     * agents get one timeout from now to come back.
     */
    private final class Recovery {
        boolean active;
        private final Map<Long, Long> timers = new HashMap<>();

        Void replay(InputLog.Contents previous) {
            active = true;
            for (InputLog.Entry e : previous.entries()) {
                if (e.input() instanceof Input.TimerFired f) timers.remove(f.timerId());
                now = Math.max(now, e.at());
                state.inputFed(e.input());
                try {
                    master.handle(now, e.input());
                } catch (RuntimeException x) {
                    masterErrors++; // it failed the same way the first time
                }
            }
            active = false;
            timers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(t -> armTimer(t.getValue(), t.getKey()));
            long seen = System.nanoTime();
            for (Agent a : master.cluster().agents()) {
                if (!a.isUp()) continue;
                AgentChannel ch = channel(a.id(), true);
                ch.seen(seen);
                ch.setUp(true);
                ch.setMustRegister(true); // its command cursor belongs to the old process's mailbox
            }
            return null;
        }

        void command(Command c) {
            if (c instanceof Command.ScheduleTimer t) timers.put(t.timerId(), t.atMicros());
        }
    }
}
