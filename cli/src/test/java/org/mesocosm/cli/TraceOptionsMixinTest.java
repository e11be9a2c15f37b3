package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.traces.TraceOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/** The trace-reading flags every trace command shares: what they parse to, and how each command words them. */
class TraceOptionsMixinTest {

    @Command(name = "reads-a-trace")
    static final class Host {
        @Mixin
        TraceOptionsMixin traceOptions;
    }

    private static TraceOptions parse(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host.traceOptions.options();
    }

    @Test
    void noFlagsReadTheTraceWithTheDefaults() {
        assertEquals(TraceOptions.defaults(), parse());
    }

    @Test
    void flagsBecomeTheReaderOptions() {
        TraceOptions o = parse("--lenient", "--machine", "32,128", "--window", "1h..2h");
        assertTrue(o.lenient());
        assertEquals(new Resources(32_000, 128 * 1024, 0, 0), o.machine());
        assertEquals(3_600_000_000L, o.windowStartMicros());
        assertEquals(7_200_000_000L, o.windowEndMicros());
        TraceOptions openEnded = parse("--window", "1d..");
        assertEquals(86_400_000_000L, openEnded.windowStartMicros());
        assertEquals(Long.MAX_VALUE, openEnded.windowEndMicros());
    }

    @Test
    void malformedValuesAreUserErrorsNamingTheFlag() {
        for (List<String> bad : List.of(List.of("--window", "6h"), List.of("--window", "2h..1h"), List.of("--machine", "32"),
                List.of("--machine", "0,128"), List.of("--machine", "x,y"))) {
            Mesocosm.UserError e = assertThrows(Mesocosm.UserError.class, () -> parse(bad.toArray(String[]::new)), bad.toString());
            assertTrue(e.getMessage().startsWith(bad.get(0)), e.getMessage());
        }
    }

    @Test
    void eachCommandKeepsItsOwnWording() {
        CommandLine root = new CommandLine(new Mesocosm());
        CommandSpec convert = root.getSubcommands().get("trace").getSubcommands().get("convert").getCommandSpec();
        CommandSpec inspect = root.getSubcommands().get("trace").getSubcommands().get("inspect").getCommandSpec();
        CommandSpec replay = root.getSubcommands().get("replay").getCommandSpec();

        assertEquals("Skip malformed rows (counted per reason; the counts are kept in the file).", description(convert, "--lenient"));
        assertEquals("Skip malformed rows (counted per reason) instead of stopping at the first.", description(inspect, "--lenient"));
        assertEquals("Skip malformed rows (counted per reason, reported here and in summary.json).", description(replay, "--lenient"));

        assertEquals("Only this part of the trace, e.g. 0..6h.", description(convert, "--window"));
        assertEquals("Only this part of the trace, e.g. 0..6h.", description(inspect, "--window"));
        assertEquals("Replay only this part of the trace (trace time, e.g. 0..6h, 1d..2d).", description(replay, "--window"));
    }

    private static String description(CommandSpec command, String option) {
        return String.join(" ", command.findOption(option).description());
    }
}
