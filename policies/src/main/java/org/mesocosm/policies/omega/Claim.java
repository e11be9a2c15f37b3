package org.mesocosm.policies.omega;

import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.Task;

/**
 * One task -> machine decision of an attempt, with the machine's change counter when it was made
 * (the private snapshot's record of that machine, for coarse conflict detection).
 */
record Claim(Task task, Agent agent, long version) {}
