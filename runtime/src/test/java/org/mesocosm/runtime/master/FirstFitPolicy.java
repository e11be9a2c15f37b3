package org.mesocosm.runtime.master;

import java.util.ArrayList;
import java.util.List;

/** Places each pending task at once on the first up agent with room; retries the queue when room frees up. */
public final class FirstFitPolicy implements PlacementPolicy {
    private PlacementContext ctx;
    private final List<Task> queue = new ArrayList<>();

    @Override public String name() { return "first-fit"; }

    @Override public void init(PlacementContext ctx) { this.ctx = ctx; }

    @Override public void taskPending(Task task) {
        queue.add(task);
        drain();
    }

    @Override public void taskWithdrawn(Task task) { queue.remove(task); }

    @Override public void taskReleased(Task task) { drain(); }

    @Override public void agentAdded(Agent agent) { drain(); }

    @Override public void agentRemoved(Agent agent) {}

    @Override public void agentFreed(Agent agent) { drain(); }

    private void drain() {
        for (int i = 0; i < queue.size(); ) {
            Task t = queue.get(i);
            Agent home = null;
            for (Agent a : ctx.cluster().agents()) {
                if (a.isUp() && a.free().fits(t.request()) && a.gpuFits(t.gpu()) && Cluster.matches(a, t.spec().nodeSelector())) {
                    home = a;
                    break;
                }
            }
            if (home == null) {
                i++;
            } else {
                queue.remove(i);
                ctx.launch(t, home);
            }
        }
    }
}
