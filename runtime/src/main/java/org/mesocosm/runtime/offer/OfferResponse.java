package org.mesocosm.runtime.offer;

import java.util.List;
import org.mesocosm.runtime.master.Task;

/** A framework's answer to one offer. */
public sealed interface OfferResponse {
    long offerId();

    /**
     * Launch these tasks on the offered agent; what is left over is declined with a filter.
     *
     * @param refuseMicros do not offer the leftover on this agent to this framework again for this long
     */
    record Accept(long offerId, List<Task> tasks, long refuseMicros) implements OfferResponse {}

    record Decline(long offerId, long refuseMicros) implements OfferResponse {}

    /** No answer yet: the offer stays outstanding until it times out. */
    record Hold(long offerId) implements OfferResponse {}
}
