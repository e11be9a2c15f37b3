package org.mesocosm.sim.torture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.mesocosm.runtime.log.DurableInputLog;
import org.mesocosm.runtime.log.EventLogDigest;
import org.mesocosm.runtime.log.LogRecords;
import org.mesocosm.runtime.log.MasterRecovery;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.CommandSink;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.PlacementPolicy;

/**
 * The master process of a torture run: the real master core behind its durable input log. An
 * input is appended to the log before the master sees it (that append is the acknowledgement);
 * a crash loses the process, and a restart rebuilds the master by replaying the log into a fresh
 * one with a fresh policy, then hands back the timers that died with the old process.
 */
final class MasterProcess {
    /** Where the master's commands go while it runs, and where re-armed timers go after a restart. */
    interface Outside extends CommandSink {
        void rearmTimer(long atMicros, long timerId);
    }

    private final Path dir;
    private final MasterConfig config;
    private final Supplier<PlacementPolicy> policies;
    private final Supplier<MasterObserver> observers;
    private final EventLogDigest digest;
    private final Outside outside;
    private DurableInputLog log;
    private Master master;
    private int epoch;
    private long inputs;
    private long recoveries;
    private long tornTailsRepaired;
    private String lastRepair = "";

    MasterProcess(Path dir, MasterConfig config, Supplier<PlacementPolicy> policies, Supplier<MasterObserver> observers,
                  EventLogDigest digest, Outside outside) {
        this.dir = dir;
        this.config = config;
        this.policies = policies;
        this.observers = observers;
        this.digest = digest;
        this.outside = outside;
        try {
            log = DurableInputLog.open(dir, new DurableInputLog.Options(false, 2000)).log();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        master = new Master(config, policies.get(), this::emit, observers.get());
    }

    boolean isUp() { return master != null; }

    /** Changes on every restart: timers and replies addressed to an earlier process are stale. */
    int epoch() { return epoch; }

    Master master() { return master; }

    long recoveries() { return recoveries; }

    long tornTailsRepaired() { return tornTailsRepaired; }

    String lastRepair() { return lastRepair; }

    /** Logs and handles one input; false if the master is down (the sender hears nothing back). */
    boolean deliver(long now, Input in) {
        if (master == null) return false;
        try {
            log.append(now, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        inputs++;
        digest.input(now, in);
        master.handle(now, in);
        return true;
    }

    /**
     * The process dies. With {@code torn} it dies halfway through appending a record: a prefix of
     * a record is left at the end of the log, for an input that was never acknowledged.
     */
    void crash(SplittableRandom r, boolean torn) {
        if (master == null) return;
        try {
            log.close();
            if (torn) {
                byte[] rec = LogRecords.encode(0, new Input.TimerFired(Long.MAX_VALUE));
                int keep = 1 + r.nextInt(rec.length - 1);
                Files.write(log.segment(), java.util.Arrays.copyOf(rec, keep), StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        master = null;
        log = null;
        epoch++;
    }

    /** A new process: recover the log, replay it, re-arm the timers still pending. */
    void restart(long now) {
        if (master != null) return;
        try {
            DurableInputLog.Recovered rec = DurableInputLog.open(dir, new DurableInputLog.Options(false, 2000));
            if (rec.truncatedTail() != null) {
                tornTailsRepaired++;
                lastRepair = rec.truncatedTail().toString();
            }
            if (rec.entries().size() != inputs) {
                throw new IllegalStateException("the log holds " + rec.entries().size() + " inputs but " + inputs + " were acknowledged");
            }
            log = rec.log();
            MasterRecovery.Result r = MasterRecovery.recover(rec.entries(), sink -> new Master(config, policies.get(), sink, observers.get()),
                    this::emit);
            master = r.master();
            recoveries++;
            for (Map.Entry<Long, Long> t : r.pendingTimers().entrySet()) outside.rearmTimer(Math.max(now, t.getValue()), t.getKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        try {
            if (log != null) log.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void emit(long at, Command c) {
        digest.command(at, c);
        outside.emit(at, c);
    }
}
