package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every help page renders cleanly. picocli runs descriptions through String.format: an unescaped
 * '%' prints a warning on stderr with the page and leaves the text raw (a default of "10%" then
 * shows as "10%%").
 */
class HelpPagesTest {

    @Test
    void noHelpPagePrintsAWarningOrARawPercent() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(new Mesocosm()), all);
        assertTrue(all.size() > 20, "walked the whole command tree: " + all.size());
        PrintStream oldErr = System.err;
        for (CommandLine c : all) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String help;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            } finally {
                System.setErr(oldErr);
            }
            String name = c.getCommandSpec().qualifiedName();
            assertEquals("", err.toString(StandardCharsets.UTF_8), name);
            assertFalse(help.contains("%%"), name + ":\n" + help);
        }
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        for (CommandLine sub : c.getSubcommands().values()) if (!out.contains(sub)) collect(sub, out);
    }
}
