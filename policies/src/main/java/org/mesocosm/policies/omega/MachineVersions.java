package org.mesocosm.policies.omega;

import java.util.Arrays;
import org.mesocosm.runtime.master.Agent;

/**
 * A change counter per machine (the Omega simulator's per-machine sequence numbers): bumped on
 * every change the policy hears of (a task launched or released there, the machine added,
 * removed or freed). A claim records its machine's counter when the scheduler decides; coarse
 * conflict detection fails the claim if the counter moved by commit time.
 *
 * <p>While a transaction commits, the bumps of its own launches are held back and applied when it
 * ends, so that the second claim of a transaction on one machine is not failed by the first.
 */
final class MachineVersions {
    private long[] version = new long[64];
    private int[] heldBack = new int[8];
    private int held;
    private boolean committing;

    long of(Agent a) {
        int i = a.index();
        return i < version.length ? version[i] : 0;
    }

    void changed(Agent a) {
        if (a == null) return;
        int i = a.index();
        if (committing) {
            if (held == heldBack.length) heldBack = Arrays.copyOf(heldBack, held * 2);
            heldBack[held++] = i;
            return;
        }
        bump(i);
    }

    void beginCommit() { committing = true; }

    void endCommit() {
        committing = false;
        for (int k = 0; k < held; k++) bump(heldBack[k]);
        held = 0;
    }

    private void bump(int i) {
        if (i >= version.length) version = Arrays.copyOf(version, Math.max(i + 1, version.length * 2));
        version[i]++;
    }
}
