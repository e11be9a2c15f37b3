package org.mesocosm.runtime.log;

import java.util.ArrayList;
import java.util.List;
import org.mesocosm.runtime.master.Command;
import org.mesocosm.runtime.master.Master;
import org.mesocosm.runtime.master.MasterObserver;
import org.mesocosm.runtime.master.PlacementPolicy;

/**
 * Replays an input log into a fresh master: each input at its recorded time, timers exactly as
 * recorded (a timer fires when the log says it fired, not when the replaying master asked). The
 * master is deterministic, so it emits the same commands the live master did.
 */
public final class InputLogReplayer {
    /** The replayed master, every command it emitted in order, and the digest of inputs and commands. */
    public record Result(Master master, List<Command> commands, String digest) {
        public List<Command.Launch> launches() {
            return commands.stream().filter(c -> c instanceof Command.Launch).map(c -> (Command.Launch) c).toList();
        }
    }

    private InputLogReplayer() {}

    /** @param policy a fresh policy made from {@code log.header().policy()} */
    public static Result replay(InputLog.Contents log, PlacementPolicy policy, MasterObserver observer) {
        List<Command> commands = new ArrayList<>();
        EventLogDigest digest = new EventLogDigest();
        Master m = new Master(log.header().config(), policy, (at, c) -> {
            commands.add(c);
            digest.command(at, c);
        }, observer);
        for (InputLog.Entry e : log.entries()) {
            digest.input(e.at(), e.input());
            m.handle(e.at(), e.input());
        }
        return new Result(m, commands, digest.finish());
    }
}
