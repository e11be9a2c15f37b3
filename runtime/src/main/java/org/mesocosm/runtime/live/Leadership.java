package org.mesocosm.runtime.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.secrets.SecretChange;

/**
 * Whether this master acts, and what a master replicated with others (issue 19) does until it
 * does: as a hot standby it applies the inputs and secret changes the leader committed, and once
 * promoted it takes over as a master restarted on that log would. A single master always leads.
 * Apart from {@link LiveDriver} so that the driver's loop reads as one master feeding inputs, and
 * the standby's other life is in one place.
 */
final class Leadership {
    /** Where a replicated master learns who leads; null for a single master, which always leads. */
    private final ReplicaRole role;
    /** Whether this master acts (feeds inputs, talks to agents); a hot standby only applies what the leader committed. */
    private volatile boolean leading;
    /** The driver's event loop: what a standby applies and its promotion run in order with everything else. */
    private final Executor loop;
    private final Recovery recovery;
    private final JobExtras extras;
    /** Inputs applied as a standby (event loop only). */
    private long applied;
    /** Replicated secrets this master could not store (event loop only). */
    private long errors;

    /** @param leading true for a single master; a replicated one starts as a standby */
    Leadership(ReplicaRole role, boolean leading, Executor loop, Recovery recovery, JobExtras extras) {
        this.role = role;
        this.leading = leading;
        this.loop = loop;
        this.recovery = recovery;
        this.extras = extras;
    }

    /** Whether this master leads: always for a single master; for a replicated one, from {@link #promote} on. */
    boolean leading() { return leading; }

    /** How a replicated master stands among the others; null for a single master. */
    ReplicaRole role() { return role; }

    /** A standby neither feeds inputs nor changes secrets: 503, the client tries the leader. */
    void requireLeading() {
        if (!leading) throw new ApiError(503, "this master is a standby: only the leader acts");
    }

    long applied() { return applied; }

    long errors() { return errors; }

    /**
     * Applies inputs the leader committed to this standby's master, at their logged times, in the
     * order given (callers hand batches over in log order). The users of the jobs submitted among
     * them are recorded first: this master launches those jobs' tasks should it lead one day.
     */
    CompletableFuture<Void> applyReplicated(List<InputLog.Entry> entries, Map<String, String> jobUsers) {
        return applyReplicated(entries, jobUsers, List.of(), false);
    }

    /**
     * As {@link #applyReplicated(List, Map)}, then the changes to named secrets committed after
     * those inputs (sealed; every master of the group holds the same key).
     *
     * @param replaceSecrets {@code secretChanges} are every secret there is (a snapshot): the others are forgotten
     */
    CompletableFuture<Void> applyReplicated(List<InputLog.Entry> entries, Map<String, String> jobUsers,
                                            List<SecretChange> secretChanges, boolean replaceSecrets) {
        return CompletableFuture.runAsync(() -> {
            if (entries.isEmpty() && jobUsers.isEmpty() && secretChanges.isEmpty() && !replaceSecrets) return; // only a place in the loop's order
            if (leading) throw new IllegalStateException("the leader was handed inputs it did not submit: two masters acted at once");
            if (!jobUsers.isEmpty()) {
                jobUsers.forEach(extras::submitting);
                extras.submitted();
            }
            for (InputLog.Entry e : entries) {
                recovery.apply(e.at(), e.input());
                applied++;
            }
            try {
                if (replaceSecrets) extras.secrets().replaceAll(secretChanges);
                else secretChanges.forEach(extras.secrets()::apply);
            } catch (RuntimeException e) {
                // a master without the group's key: it cannot launch tasks that use these secrets, but it must go on applying the log
                errors++;
                System.err.println("mesocosm master: ERROR: cannot store a replicated secret: " + e.getMessage());
            }
        }, loop);
    }

    /**
     * This standby becomes the leader, once it has applied every committed input: from then on it
     * acts as a master restarted on that log would (timers armed again, agents given a timeout to
     * register again and be reconciled).
     */
    CompletableFuture<Void> promote() {
        return CompletableFuture.runAsync(() -> {
            if (leading) return;
            recovery.finish();
            leading = true;
            System.err.println(java.time.Instant.now() + " mesocosm master: now the leader (" + applied + " inputs applied as standby)");
        }, loop);
    }
}
