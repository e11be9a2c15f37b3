package org.mesocosm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every help page renders cleanly. picocli runs descriptions through String.format: an unescaped
 * '%' prints a warning on stderr with the page and leaves the text raw (a default of "10%" then
 * shows as "10%%"). Summaries are whole sentences, shown whole in the command list, and no file
 * name, path or URL is split across lines at any usual terminal width.
 */
class HelpPagesTest {

    /** A token holding a path, file name or URL: a '/' or "://" or a '.' between two letters or digits. */
    private static final Pattern PATHLIKE = Pattern.compile("[^\\s\"'(),;]*(?:/|\\w\\.\\w)[^\\s\"'(),;]*");

    @Test
    void noHelpPagePrintsAWarningOrARawPercent() {
        List<CommandLine> all = all();
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

    @Test
    void everySummaryIsOneWholeSentence() {
        for (CommandLine c : all()) {
            String name = c.getCommandSpec().qualifiedName();
            String summary = summary(c);
            assertFalse(summary.isBlank(), name + " has no summary");
            assertFalse(summary.endsWith(":") || summary.endsWith(","), name + " summary is cut: " + summary);
            assertTrue(summary.endsWith("."), name + " summary is not a sentence: " + summary);
            assertTrue(Character.isUpperCase(summary.charAt(0)), name + " summary starts mid-sentence: " + summary);
            if (!name.endsWith(" help")) {
                assertTrue(c.getCommandSpec().usageMessage().header().length == 1, name + " has no one-line header");
            }
        }
    }

    @Test
    void theCommandListShowsEverySummaryWhole() {
        for (CommandLine c : all()) {
            if (c.getSubcommands().isEmpty()) continue;
            String help = unwrap(c.getUsageMessage(CommandLine.Help.Ansi.OFF));
            for (CommandLine sub : c.getSubcommands().values()) {
                String summary = summary(sub).replaceAll("\\s+", " ");
                assertTrue(help.contains(summary), c.getCommandName() + " lists " + sub.getCommandName() + " cut:\n" + help);
            }
        }
    }

    @Test
    void noPathOrUrlIsSplitAcrossLines() {
        for (int width : new int[] {80, 100, 120}) {
            for (CommandLine c : all()) {
                c.setUsageHelpWidth(width);
                String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
                List<String> tokens = new ArrayList<>();
                for (String line : help.split("\\R")) tokens.addAll(List.of(line.trim().split("\\s+")));
                for (String source : sourceTexts(c)) {
                    Matcher m = PATHLIKE.matcher(source);
                    while (m.find()) {
                        String word = m.group();
                        if (word.contains("${") || word.contains("%")) continue;
                        assertTrue(tokens.stream().anyMatch(t -> t.contains(word)),
                                c.getCommandSpec().qualifiedName() + " at width " + width + " splits '" + word + "':\n" + help);
                    }
                }
            }
        }
    }

    @Test
    void theTopLevelHelpDocumentsTheExitCodes() {
        String help = unwrap(Mesocosm.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF));
        for (String code : List.of("2 bad usage", "3 no answer", "4 master unreachable", "5 refused", "6 not found")) {
            assertTrue(help.contains(code), code + " missing:\n" + help);
        }
    }

    private static String summary(CommandLine c) {
        String[] header = c.getCommandSpec().usageMessage().header();
        String[] lines = header.length > 0 ? header : c.getCommandSpec().usageMessage().description();
        return lines.length == 0 ? "" : String.format(lines[0]).trim();
    }

    private static List<String> sourceTexts(CommandLine c) {
        List<String> out = new ArrayList<>();
        out.addAll(List.of(c.getCommandSpec().usageMessage().header()));
        out.addAll(List.of(c.getCommandSpec().usageMessage().description()));
        for (OptionSpec o : c.getCommandSpec().options()) out.addAll(List.of(o.description()));
        for (var p : c.getCommandSpec().positionalParameters()) out.addAll(List.of(p.description()));
        return out;
    }

    private static String unwrap(String help) {
        return help.replaceAll("\\s+", " ");
    }

    private static List<CommandLine> all() {
        List<CommandLine> out = new ArrayList<>();
        collect(Mesocosm.commandLine(), out);
        return out;
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        out.add(c);
        for (CommandLine sub : c.getSubcommands().values()) if (!out.contains(sub)) collect(sub, out);
    }
}
