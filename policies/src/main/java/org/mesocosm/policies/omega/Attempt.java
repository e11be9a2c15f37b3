package org.mesocosm.policies.omega;

import java.util.List;

/**
 * What one scheduling attempt decided on its snapshot: the claims to commit, and how many of the
 * job's tasks found no machine at all (they wait for room rather than retry at once).
 */
record Attempt(OmegaJob job, List<Claim> claims, int unplaced) {}
