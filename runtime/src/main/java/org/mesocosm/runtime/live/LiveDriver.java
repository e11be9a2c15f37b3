package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.mesocosm.runtime.log.DurableInputLog;
import org.mesocosm.runtime.log.GroupCommit;
import org.mesocosm.runtime.log.InputJournal;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.StateLog;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.CommandSink;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.PlacementPolicy;
import org.mesocosm.runtime.secrets.EncryptedSecretStore;
import org.mesocosm.runtime.secrets.SecretChange;
import org.mesocosm.runtime.secrets.SecretStores;

/**
 * Runs the master core against the real world. One event-loop thread owns the master and feeds
 * it every input with the wall-clock time in microseconds since the epoch (so the master's time
 * is calendar time and cron needs no offset); commands go to agents' mailboxes
 * ({@link AgentChannel}), timers to a scheduler that feeds {@link Input.TimerFired} back through
 * the loop. Agents that stop polling for longer than the timeout are reported lost.
 *
 * <p>With a state directory every input fed is appended, with its time, to a durable log
 * ({@link StateLog}) from which a run can be replayed exactly or a restarted master recover its
 * state. Write-ahead: an answer to a request ({@link #call}) and a command to an agent
 * ({@link CommandGate}) leave only once the inputs behind them are forced to disk; the log's
 * writer thread forces whatever queued up meanwhile at once (group commit).
 *
 * <p>This class is the loop, the write-ahead order and the public face; the jobs it owns live
 * beside it: what clients ask of jobs in {@link JobRequests} ({@link #jobs}), the agents' side in
 * {@link AgentRegistry} ({@link #agents}), a replicated master's standby life in
 * {@link Leadership}, a restart's replay in {@link Recovery}.
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

    /** The JSON-lines input log of earlier versions; a state directory holding one is imported into the durable log. */
    public static final String INPUT_LOG = StateLog.LEGACY;
    private static final long CALL_TIMEOUT_SECONDS = 10;

    private final Settings settings;
    private final ScheduledExecutorService loop;
    private final ScheduledExecutorService timeouts;
    private final LongSupplier wallMicros;
    private final CommandSink tap;
    private final LiveState state = new LiveState();
    /** The agents' mailboxes, registrations and heartbeats. */
    private final AgentRegistry agents;
    private final Master master;
    private final PlacementPolicy policy;
    private final JobExtras extras;
    private final JobRequests jobs;
    /** The local write-ahead log ({@link GroupCommit}) or a replicated one; null without a state directory. */
    private final InputJournal log;
    /** Whether this master acts, and what it does as a hot standby until then (a replicated master). */
    private final Leadership leadership;
    private final CommandGate gate = new CommandGate(id -> channel(id, true));
    private final RecoveryReport recovered;
    private final Recovery recovery = new Recovery(new Recovery.Target() {
        @Override public boolean refeed(long at, Input in) { return LiveDriver.this.refeed(at, in); }

        @Override public void armTimer(long atMicros, long timerId) { LiveDriver.this.armTimer(atMicros, timerId); }

        @Override public void expectAgentsBack() { agents.expectAgentsBack(); }
    });
    /** Sequence number in the log of the last input fed (event loop only). */
    private long lastSeq;
    private Thread loopThread;
    private long now;
    private long inputsFed;
    private long masterErrors;

    /**
     * @param policy a fresh policy made from {@code settings.policy()}
     * @param wallMicros the wall clock, microseconds since the epoch
     * @param tap sees every command the master emits (tests); may be null
     */
    public LiveDriver(Settings settings, PlacementPolicy policy, LongSupplier wallMicros, CommandSink tap) throws IOException {
        this(settings, policy, wallMicros, tap, SecretStores.open(settings.stateDir(), null), Durability.DEFAULT);
    }

    /** @param secrets the named secrets ({@link SecretStores#open}) */
    public LiveDriver(Settings settings, PlacementPolicy policy, LongSupplier wallMicros, CommandSink tap, EncryptedSecretStore secrets)
            throws IOException {
        this(settings, policy, wallMicros, tap, secrets, Durability.DEFAULT);
    }

    /** @param durability how inputs are persisted when {@code settings.stateDir()} is set */
    public LiveDriver(Settings settings, PlacementPolicy policy, LongSupplier wallMicros, CommandSink tap, Durability durability)
            throws IOException {
        this(settings, policy, wallMicros, tap, SecretStores.open(settings.stateDir(), null), durability);
    }

    /**
     * @param secrets the named secrets ({@link SecretStores#open})
     * @param durability how inputs are persisted when {@code settings.stateDir()} is set
     */
    public LiveDriver(Settings settings, PlacementPolicy policy, LongSupplier wallMicros, CommandSink tap, EncryptedSecretStore secrets,
                      Durability durability)
            throws IOException {
        this(settings, policy, wallMicros, tap, secrets, durability, null, null);
    }

    /**
     * A master replicated with others (issue 19): its inputs go to {@code journal} (durable means
     * committed by a majority of the masters), and it starts as a hot standby: it applies what the
     * leader committed ({@link #applyReplicated}) until {@link #promote} makes it the leader. The
     * state directory holds only the secrets and job users; the inputs live in the replicated log.
     *
     * @param journal makes the journal, given the callback that releases held agent commands
     */
    public static LiveDriver replicated(Settings settings, PlacementPolicy policy, LongSupplier wallMicros, CommandSink tap,
                                        EncryptedSecretStore secrets, java.util.function.Function<java.util.function.LongConsumer, InputJournal> journal,
                                        ReplicaRole role) throws IOException {
        return new LiveDriver(settings, policy, wallMicros, tap, secrets, Durability.DEFAULT, java.util.Objects.requireNonNull(journal),
                java.util.Objects.requireNonNull(role));
    }

    private LiveDriver(Settings settings, PlacementPolicy policy, LongSupplier wallMicros, CommandSink tap, EncryptedSecretStore secrets,
                       Durability durability, java.util.function.Function<java.util.function.LongConsumer, InputJournal> journal, ReplicaRole role)
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
        this.agents = new AgentRegistry(this, loop, timeouts);
        this.master = new Master(settings.master(), policy, this::onCommand, state);
        Path dir = settings.stateDir();
        if (dir != null) Files.createDirectories(dir);
        this.extras = new JobExtras(secrets, dir);
        this.jobs = new JobRequests(master, state, extras, this::feed, this::logJobUser);
        this.leadership = new Leadership(role, journal == null, loop, recovery, extras);
        if (journal != null) {
            this.log = journal.apply(gate::release);
            this.recovered = null;
            try {
                loop.submit(recovery::begin).get();
            } catch (ExecutionException | InterruptedException e) {
                throw new IOException("cannot start the standby: " + e, e);
            }
            return;
        }
        if (dir == null) {
            this.log = null;
            this.recovered = null;
            return;
        }
        long t0 = System.nanoTime();
        StateLog.Opened opened = StateLog.open(dir, new InputLog.Header(settings.policy(), settings.master()), durability.options());
        DurableInputLog.Recovered r = opened.recovered();
        this.lastSeq = r.log().records();
        // the log is in place before the replay: a timer it arms may fire, and be logged, at once
        this.log = new GroupCommit(r.log(), durability.maxBatch(), gate::release);
        this.recovered = recovery.replayOn(loop, opened, t0);
        try {
            loop.submit(() -> extras.retainUsersOf(master::hasJob)).get();
        } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
            throw new IOException("cannot tidy users.json after recovery: " + e, e);
        }
    }

    /**
     * What happens when the input log cannot be written: by default requests fail with 503 from
     * then on; the master's process stops instead (fail-stop) so that a supervisor restarts it.
     */
    public void onLogFailure(java.util.function.Consumer<IOException> handler) {
        if (log != null) log.onFailure(handler);
    }

    /** What was recovered from the state directory at start; null without one. */
    public RecoveryReport recovered() { return recovered; }

    /** The log's group commit (for its counters); null without a state directory or when replicated. */
    public GroupCommit log() { return log instanceof GroupCommit g ? g : null; }

    /** Whether this master leads: always for a single master; for a replicated one, from {@link #promote} on. */
    public boolean leading() { return leadership.leading(); }

    /** How a replicated master stands among the others; null for a single master. */
    public ReplicaRole role() { return leadership.role(); }

    /** See {@link Leadership#applyReplicated(List, Map)}. */
    public java.util.concurrent.CompletableFuture<Void> applyReplicated(List<InputLog.Entry> entries, Map<String, String> jobUsers) {
        return leadership.applyReplicated(entries, jobUsers);
    }

    /** See {@link Leadership#applyReplicated(List, Map, List, boolean)}. */
    public java.util.concurrent.CompletableFuture<Void> applyReplicated(List<InputLog.Entry> entries, Map<String, String> jobUsers,
                                                                        List<SecretChange> secretChanges, boolean replaceSecrets) {
        return leadership.applyReplicated(entries, jobUsers, secretChanges, replaceSecrets);
    }

    /** See {@link Leadership#promote}. */
    public java.util.concurrent.CompletableFuture<Void> promote() { return leadership.promote(); }

    /** Starts watching agent heartbeats. */
    public LiveDriver start() {
        long period = Math.max(50, settings.agentTimeoutMillis() / 4);
        loop.scheduleAtFixedRate(agents::checkHeartbeats, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    public Settings settings() { return settings; }

    public PlacementPolicy policy() { return policy; }

    /**
     * Runs {@code work} on the event loop and waits for its result; this is how every request
     * reaches the master. Returns once every input fed so far is durable, so that an answer never
     * tells of a state a crash could still take back.
     */
    public <T> T call(Callable<T> work) {
        try {
            Done<T> d = loop.submit(() -> new Done<>(work.call(), lastSeq)).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (log != null) log.awaitDurable(d.seq(), TimeUnit.SECONDS.toMillis(CALL_TIMEOUT_SECONDS));
            return d.value();
        } catch (IOException e) {
            throw new ApiError(503, "the master could not persist the request: " + e.getMessage());
        } catch (ExecutionException e) {
            // the log refused the input before it was written (it failed earlier, or an HA leader lost leadership):
            // nothing was persisted, so the request is unavailable (503: retry, or try another master), not a 500
            if (e.getCause() instanceof UncheckedIOException u) throw new ApiError(503, "the master could not persist the request: " + u.getMessage());
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiError(503, "the master's event loop did not answer within " + CALL_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted");
        }
    }

    private record Done<T>(T value, long seq) {}

    // ---- on the event loop ------------------------------------------------------------------

    Master master() { checkLoop(); return master; }

    LiveState state() { checkLoop(); return state; }

    /** Inputs fed as the leader and applied as a standby. */
    long inputsFed() { return inputsFed + leadership.applied(); }

    long masterErrors() { return masterErrors + leadership.errors(); }

    long nowMicros() { return now; }

    /** Submit, kill, scale and look up jobs (see {@link JobRequests}). */
    JobRequests jobs() { checkLoop(); return jobs; }

    /** Register agents and take their status updates (see {@link AgentRegistry}). */
    AgentRegistry agents() { checkLoop(); return agents; }

    /**
     * Stores a named secret; true if the name is new. A replicated master sends it (sealed) through
     * the replicated log, so that every master that may lead has it; the answer waits for the commit.
     */
    boolean putSecret(String name, byte[] value) {
        checkLoop();
        if (log == null || !log.carriesSecrets()) return extras.secrets().put(name, value);
        leadership.requireLeading();
        SecretChange change = extras.secrets().sealForPut(name, value);
        lastSeq = log.submitSecret(change);
        return extras.secrets().apply(change);
    }

    /** Deletes a named secret (through the replicated log, for a replicated master); false if there was none. */
    boolean deleteSecret(String name) {
        checkLoop();
        if (log == null || !log.carriesSecrets()) return extras.secrets().delete(name);
        leadership.requireLeading();
        if (!extras.secrets().contains(name)) return false;
        lastSeq = log.submitSecret(new SecretChange(name, null, System.currentTimeMillis()));
        return extras.secrets().delete(name);
    }

    EncryptedSecretStore secrets() { checkLoop(); return extras.secrets(); }

    private void logJobUser(String jobId, String user) {
        if (log != null) log.jobUser(jobId, user);
    }

    /** Hands one input to the master now (wall clock), logged first; 503 on a standby. On the event loop. */
    void feed(Input in) {
        feedAt(wallMicros.getAsLong() + settings.clockOffsetMicros(), in);
    }

    /** Hands one input to the master at {@code at} (or later: time never goes back). */
    private void feedAt(long at, Input in) {
        leadership.requireLeading();
        now = Math.max(now, at);
        if (log != null) lastSeq = log.submit(now, in);
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
        if (recovery.active()) {
            recovery.command(c);
            return;
        }
        if (c instanceof Command.ScheduleTimer t) {
            armTimer(t.atMicros(), t.timerId());
        } else if (c instanceof Command.Launch l) {
            var task = master.task(l.taskId());
            send(l.agentId(), extras.launchCommand(l, task == null ? null : task.spec()));
        } else if (c instanceof Command.Kill k) {
            agents.kill(k.agentId(), k.taskId());
        } else {
            throw new IllegalStateException("unexpected command " + c);
        }
    }

    /** Sends a command to an agent: at once without a log, else once the inputs behind it are durable ({@link CommandGate}). */
    void send(String agentId, ObjectNode command) {
        if (log == null) {
            channel(agentId, true).enqueue(command);
            return;
        }
        gate.hold(lastSeq, agentId, command);
        gate.release(log.durable()); // the writer may have forced this input before the command was held
    }

    private void armTimer(long atMicros, long timerId) {
        long delayMicros = Math.max(0, atMicros - now);
        if (loop.isShutdown()) return; // closing: the timer is in the log, a restarted master arms it again
        loop.schedule(() -> feedAt(Math.max(atMicros, wallMicros.getAsLong() + settings.clockOffsetMicros()), new Input.TimerFired(timerId)),
                delayMicros, TimeUnit.MICROSECONDS);
    }

    /** The mailbox of an agent (any thread). */
    AgentChannel channel(String id, boolean create) {
        return agents.channel(id, create);
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

    // ---- recovery (see Recovery), on the event loop -------------------------------------------

    /**
     * One input of a previous life at its logged time; a failure is only counted: it failed the same
     * way the first time. A job beyond {@link JobAdmission#HARD_MAX_INSTANCES} is refused before the
     * master sees it: no master accepts one now, and an older one that logged it ran out of memory
     * applying it (issue 18), which on replay would kill every restart.
     */
    private boolean refeed(long at, Input in) {
        now = Math.max(now, at);
        if (in instanceof Input.JobSubmitted js && JobAdmission.beyondHardLimits(js.job())) {
            masterErrors++;
            System.err.println("mesocosm master: replay: job '" + js.job().id() + "' refused again: " + JobAdmission.instances(js.job())
                    + " instances, over the most any master accepts (" + JobAdmission.HARD_MAX_INSTANCES + ")");
            return false;
        }
        state.inputFed(in);
        try {
            master.handle(now, in);
            return true;
        } catch (RuntimeException x) {
            masterErrors++;
            return false;
        }
    }
}
