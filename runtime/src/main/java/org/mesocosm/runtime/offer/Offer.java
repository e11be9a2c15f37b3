package org.mesocosm.runtime.offer;

import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.model.Resources;

/** Free resources of one agent offered to one framework. */
public record Offer(long id, Agent agent, Resources resources) {}
