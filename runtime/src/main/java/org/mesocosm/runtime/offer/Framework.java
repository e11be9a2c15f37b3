package org.mesocosm.runtime.offer;

import java.util.List;
import org.mesocosm.runtime.master.Task;
import org.mesocosm.runtime.model.Resources;

/** A scheduler that receives resource offers and answers them (Mesos's second level). */
public interface Framework {

    /** Unique id, e.g. {@code analytics/jobs}. */
    String id();

    String role();

    void taskPending(Task task);

    void taskWithdrawn(Task task);

    /**
     * A task this framework launched has ended and released its resources (frameworks that track
     * where their instances run, for placement constraints, need to know).
     */
    default void taskReleased(Task task) {}

    /** False when the framework has nothing to launch (Mesos: suppressed offers). */
    boolean hasDemand();

    /**
     * The smallest offer worth sending: every dimension at most the smallest pending request on
     * that dimension (Mesos's min_allocatable_resources). Only meaningful when {@link #hasDemand()}.
     */
    Resources minDemand();

    /**
     * Answers a batch of offers, one response per offer, in any order. The built-in offer round
     * sends each offer alone, as soon as it is made, and asks {@link #hasDemand()} again after the
     * answer: a framework with nothing left to launch is not offered more in that round.
     */
    List<OfferResponse> offers(long now, List<Offer> offers);
}
