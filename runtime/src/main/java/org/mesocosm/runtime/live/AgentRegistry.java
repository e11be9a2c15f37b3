package org.mesocosm.runtime.live;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mesocosm.runtime.master.Agent;
import org.mesocosm.runtime.master.AgentIdentity;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.runtime.model.TaskState;

/**
 * The live master's side of its agents: each one's mailbox ({@link AgentChannel}), its
 * registration and the reconciliation of a re-registration, its status updates, the timeout of
 * one that stops polling, and the kills sent to agents. Apart from {@link LiveDriver} so that the
 * driver is the loop that feeds the master, and what agents add to it is in one place. Everything
 * but {@link #channel} runs on the driver's event loop.
 */
final class AgentRegistry {
    private final LiveDriver driver;
    /** The driver's event loop, where a re-registration's check for launches that never came is scheduled. */
    private final ScheduledExecutorService loop;
    /** Where the mailboxes time out held polls. */
    private final ScheduledExecutorService timeouts;
    private final Map<String, AgentChannel> channels = new ConcurrentHashMap<>();
    private long killsSent;

    AgentRegistry(LiveDriver driver, ScheduledExecutorService loop, ScheduledExecutorService timeouts) {
        this.driver = driver;
        this.loop = loop;
        this.timeouts = timeouts;
    }

    /** An agent registers (first time or again); returns the command sequence number it should poll after. */
    long register(String id, Resources total, Map<String, String> attributes, List<String> running) {
        AgentChannel ch = channel(id, true);
        // an agent told to register by a restarted master keeps what this master queued for it; any other registration starts afresh
        long after = ch.mustRegister() && ch.isUp() ? ch.keepPending() : ch.reset();
        Agent known = driver.master().cluster().agent(id);
        if ((known == null || !known.isUp()) && running.isEmpty()) {
            driver.feed(new Input.AgentAdded(id, total, attributes));
        } else {
            LiveState state = driver.state();
            long lost = state.tasks(TaskState.LOST), killed = killsSent;
            driver.feed(new Input.AgentReregistered(id, total, attributes, running));
            // reconciliation, in the operator's words: what the agent runs that the master did not know is killed,
            // what the master expected there and the agent does not run is LOST (and replaced by its job's rules)
            System.err.println("mesocosm master: agent " + id + " re-registered with " + running.size() + " tasks: "
                    + (killsSent - killed) + " killed as unknown, " + (state.tasks(TaskState.LOST) - lost) + " expected there became LOST");
            long since = driver.nowMicros(), grace = driver.settings().master().reconcileGraceMicros();
            loop.schedule(() -> lostLaunches(id, since), grace, TimeUnit.MICROSECONDS);
        }
        ch.seen(System.nanoTime());
        ch.setUp(true);
        ch.setMustRegister(false);
        return after;
    }

    /**
     * The master spares tasks placed shortly before an agent's re-registration that the agent did
     * not list, since their launch may still be on its way. One grace period later, those still
     * staging were never launched: their launch died with a previous master, or was voided with
     * the agent's mailbox. They are reported LOST, so their jobs replace them, and killed in case
     * the agent runs one after all.
     */
    private void lostLaunches(String agentId, long since) {
        Agent a = driver.master().cluster().agent(agentId);
        if (a == null || !a.isUp()) return;
        List<String> stuck = a.tasks().stream().filter(t -> t.state() == TaskState.STAGING && t.placedAt() <= since).map(t -> t.id()).toList();
        for (String taskId : stuck) {
            driver.feed(new Input.TaskStatus(taskId, TaskState.LOST, -1, "never reported by agent " + agentId + " after it re-registered"));
            kill(agentId, taskId);
        }
    }

    /** Tells an agent to kill a task (counted: a re-registration reports how many it cost). */
    void kill(String agentId, String taskId) {
        killsSent++;
        driver.send(agentId, JsonNodeFactory.instance.objectNode().put("type", "kill").put("task_id", taskId));
    }

    /** Status updates from an agent. Updates about tasks the master has not placed on that agent are dropped. */
    void statusUpdates(String agentId, List<Input.TaskStatus> updates) {
        var master = driver.master();
        for (Input.TaskStatus u : AgentIdentity.ownUpdates(master, agentId, updates)) { // the check torture runs too
            if (master.task(u.taskId()).state() == TaskState.RUNNING && u.state() == TaskState.RUNNING) continue; // a resend: nothing new
            driver.feed(u);
        }
    }

    /** Reports lost every agent up and not heard from for longer than the timeout; run periodically. */
    void checkHeartbeats() {
        if (!driver.leading()) return; // a standby's agents talk to the leader
        long nowNanos = System.nanoTime();
        LiveDriver.Settings settings = driver.settings();
        long limit = TimeUnit.MILLISECONDS.toNanos(settings.agentTimeoutMillis());
        for (AgentChannel ch : channels.values()) {
            if (ch.isUp() && nowNanos - ch.lastSeenNanos() > limit) {
                driver.feed(new Input.AgentRemoved(ch.agentId, "no heartbeat for " + settings.agentTimeoutMillis() / 1000.0 + " s"));
            }
        }
    }

    /** After a replay: every agent the master knows as up gets one timeout from now to register again. */
    void expectAgentsBack() {
        long seen = System.nanoTime();
        for (Agent a : driver.master().cluster().agents()) {
            if (!a.isUp()) continue;
            AgentChannel ch = channel(a.id(), true);
            ch.seen(seen);
            ch.setUp(true);
            ch.setMustRegister(true); // its command cursor belongs to the old process's mailbox
        }
    }

    /** The mailbox of an agent (any thread). */
    AgentChannel channel(String id, boolean create) {
        return create ? channels.computeIfAbsent(id, k -> new AgentChannel(k, timeouts)) : channels.get(id);
    }
}
