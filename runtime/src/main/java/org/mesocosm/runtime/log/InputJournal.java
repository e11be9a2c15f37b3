package org.mesocosm.runtime.log;

import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.secrets.SecretChange;

/**
 * Where a live master's inputs go before anything that depends on them leaves the master: the
 * local write-ahead log ({@link GroupCommit}: durable means forced to disk) or a replicated log
 * (durable means committed by a majority of the masters). The event loop submits each input in
 * the order the master handles it; answers and agent commands wait until their input is durable.
 */
public interface InputJournal extends Closeable {
    /** Queues one input and returns its sequence number (1, 2, ... in submission order). No I/O on the caller's thread. */
    long submit(long at, Input in);

    /**
     * Notes whom the tasks of a job about to be submitted run as (null: the agent's own user): the
     * master core does not know it, but every master that may lead needs it. A local log keeps it
     * in the state directory instead (users.json) and ignores this.
     */
    default void jobUser(String jobId, String user) { }

    /**
     * Whether changes to named secrets go through this journal: a replicated log carries them
     * (sealed) so that every master that may lead has them; a local log does not (the secret
     * store's own file keeps them).
     */
    default boolean carriesSecrets() { return false; }

    /**
     * Queues a change to a named secret, to take effect after the inputs submitted before it;
     * returns its sequence number, as {@link #submit} does (answers wait until it is durable).
     */
    default long submitSecret(SecretChange change) {
        throw new UnsupportedOperationException("this journal does not carry secrets");
    }

    /** The highest sequence number that is durable. */
    long durable();

    /** Blocks until input {@code seq} is durable; fails if the journal cannot take it or time runs out. */
    void awaitDurable(long seq, long timeoutMillis) throws IOException;

    /** Called once when the journal fails for good (every later submit fails): the master's process stops (fail-stop). */
    void onFailure(Consumer<IOException> handler);
}
