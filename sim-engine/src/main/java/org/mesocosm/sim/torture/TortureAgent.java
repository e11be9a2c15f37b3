package org.mesocosm.sim.torture;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.model.Resources;

/**
 * A simulated agent: the ground truth of what runs where. It ignores a launch it has seen before
 * (a duplicated message), remembers the task ids it was given across its own restarts (as a Mesos
 * agent checkpoints them), and reports its running set to the master periodically.
 */
final class TortureAgent {
    final String id;
    final Resources total;
    final Map<String, String> attributes;
    /** Running tasks by id, in id order so reports are deterministic. */
    final TreeMap<String, Command.Launch> running = new TreeMap<>();
    private final Set<String> seen = new HashSet<>();
    Resources used = Resources.ZERO;
    boolean up = true;
    boolean partitioned;
    /** Bumped on every restart, so task ends scheduled for an earlier life are ignored. */
    int incarnation;

    TortureAgent(String id, Resources total, Map<String, String> attributes) {
        this.id = id;
        this.total = total;
        this.attributes = attributes;
    }

    boolean reachable() { return up && !partitioned; }

    /** False if the launch was a duplicate of one already seen. */
    boolean firstSight(String taskId) {
        return seen.add(taskId);
    }

    void start(Command.Launch l) {
        running.put(l.taskId(), l);
        used = used.plus(l.resources());
    }

    boolean stop(String taskId) {
        Command.Launch l = running.remove(taskId);
        if (l == null) return false;
        used = used.minus(l.resources());
        return true;
    }

    void crash() {
        up = false;
        incarnation++;
        running.clear();
        used = Resources.ZERO;
    }

    Input.AgentReregistered report() {
        return new Input.AgentReregistered(id, total, attributes, new ArrayList<>(running.keySet()));
    }

    List<String> runningIds() { return new ArrayList<>(running.keySet()); }
}
