package org.mesocosm.runtime.log;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.CommandSink;
import org.mesocosm.runtime.master.Input;
import org.mesocosm.runtime.master.Master;

/**
 * Rebuilds a master after a crash by replaying its durable log into a fresh one. The commands
 * the replay emits were carried out (or lost) before the crash, so launches and kills are not
 * sent again: the agents' re-registration reconciles what really runs. Timers are different:
 * the ones the old master set and never saw fire died with it, so they are handed back to the
 * driver to arm again. After the replay the master's commands go to the live sink.
 */
public final class MasterRecovery {
    /**
     * @param master the rebuilt master, now emitting to the live sink
     * @param pendingTimers timer id → due time, for timers set during the replay that had not fired
     */
    public record Result(Master master, Map<Long, Long> pendingTimers, int replayed) {}

    private MasterRecovery() {}

    /** @param newMaster makes a master with a fresh policy around the sink it is given */
    public static Result recover(List<InputLog.Entry> log, Function<CommandSink, Master> newMaster, CommandSink live) {
        Switch sink = new Switch();
        Master m = newMaster.apply(sink);
        for (InputLog.Entry e : log) {
            if (e.input() instanceof Input.TimerFired t) sink.timers.remove(t.timerId());
            m.handle(e.at(), e.input());
        }
        sink.live = live;
        return new Result(m, Collections.unmodifiableMap(sink.timers), log.size());
    }

    private static final class Switch implements CommandSink {
        final Map<Long, Long> timers = new TreeMap<>();
        CommandSink live;

        @Override
        public void emit(long now, Command c) {
            if (live != null) {
                live.emit(now, c);
            } else if (c instanceof Command.ScheduleTimer t) {
                timers.put(t.timerId(), t.atMicros());
            }
        }
    }
}
