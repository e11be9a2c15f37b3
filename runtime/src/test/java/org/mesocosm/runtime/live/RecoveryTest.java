package org.mesocosm.runtime.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mesocosm.runtime.log.InputLog;
import org.mesocosm.runtime.log.StateLog;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.MasterConfig;
import org.mesocosm.runtime.model.Resources;

/** A restarted master's replay: every logged input again, then the timers the old life left outstanding, then the agents. */
class RecoveryTest {

    /** Stands in for the driver; its "master" sets a timer for every agent added, as a heartbeat would. */
    static final class Driver implements Recovery.Target {
        final List<String> calls = new ArrayList<>();
        Recovery recovery;

        @Override
        public boolean refeed(long at, Input in) {
            assertTrue(recovery.active(), "inputs are refed while the replay is active");
            calls.add("feed " + at + " " + in.getClass().getSimpleName());
            if (in instanceof Input.AgentAdded a) recovery.command(new Command.ScheduleTimer(at + 1_000, Long.parseLong(a.agentId())));
            recovery.command(new Command.Kill("a", "t")); // not a timer: ignored
            return true;
        }

        @Override
        public void armTimer(long atMicros, long timerId) {
            assertFalse(recovery.active(), "timers are armed for the new life, after the replay");
            calls.add("arm " + timerId + " at " + atMicros);
        }

        @Override
        public void expectAgentsBack() {
            calls.add("agents back");
        }
    }

    private static Input.AgentAdded agent(String id) {
        return new Input.AgentAdded(id, new Resources(1000, 1024, 0, 0), Map.of());
    }

    @Test
    void replaysInOrderThenArmsTheTimersStillOutstandingInIdOrder() {
        Driver d = new Driver();
        Recovery r = new Recovery(d);
        d.recovery = r;
        r.replay(List.of(new InputLog.Entry(10, agent("9")), new InputLog.Entry(20, agent("3")), new InputLog.Entry(30, agent("5")),
                new InputLog.Entry(1_020, new Input.TimerFired(3))));
        assertFalse(r.active());
        assertEquals(List.of("feed 10 AgentAdded", "feed 20 AgentAdded", "feed 30 AgentAdded", "feed 1020 TimerFired",
                "arm 5 at 1030", "arm 9 at 1010", "agents back"), d.calls);
    }

    @Test
    void aFreshStateDirectoryHasNothingToReplay(@TempDir Path dir) throws Exception {
        Driver d = new Driver();
        Recovery r = new Recovery(d);
        d.recovery = r;
        StateLog.Opened opened = StateLog.open(dir, new InputLog.Header("drf", MasterConfig.DEFAULT), Durability.DEFAULT.options());
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try {
            RecoveryReport report = r.replayOn(loop, opened, System.nanoTime());
            assertEquals(0, report.records());
            assertEquals(List.of(), d.calls, "no replay, so no agents are waited for");
        } finally {
            loop.shutdownNow();
            opened.recovered().log().close();
        }
    }
}
