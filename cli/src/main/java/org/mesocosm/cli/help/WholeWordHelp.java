package org.mesocosm.cli.help;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's help with every wrapped text (header, description, command list, option and parameter
 * descriptions) broken at spaces only, so file names, paths and URLs stay whole.
 */
public final class WholeWordHelp extends Help {

    public WholeWordHelp(CommandSpec spec, Help.ColorScheme scheme) {
        super(spec, scheme);
    }

    /** Installs this help on a command line and all its subcommands. */
    public static void install(CommandLine cl) {
        cl.setHelpFactory(WholeWordHelp::new);
    }

    @Override
    public String header(Object... params) {
        return paragraphs(commandSpec().usageMessage().header(), params);
    }

    @Override
    public String description(Object... params) {
        return paragraphs(commandSpec().usageMessage().description(), params);
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme scheme) {
        Layout layout = super.createDefaultLayout(options, positionals, scheme);
        return new Layout(scheme, new WordTable(scheme, layout.textTable().columns()), layout.optionRenderer(), layout.parameterRenderer());
    }

    @Override
    public TextTable createTextTable(Map<?, ?> map) {
        TextTable picocli = super.createTextTable(map);
        WordTable table = new WordTable(colorScheme(), picocli.columns());
        for (Map.Entry<?, ?> e : map.entrySet()) table.addRowValues(text(e.getKey()), text(e.getValue()));
        return table;
    }

    private Text text(Object o) {
        return o instanceof Text t ? t : ansi().text(String.valueOf(o));
    }

    /** Each element is a paragraph, formatted as picocli would ({@code %n}, {@code %%}), then word-wrapped. */
    private String paragraphs(String[] lines, Object... params) {
        if (lines == null || lines.length == 0) return "";
        int width = commandSpec().usageMessage().width();
        WordTable table = new WordTable(colorScheme(), new Column(width, 0, Column.Overflow.WRAP));
        for (String line : lines) {
            String formatted = format(line, params);
            for (String part : formatted.split("\\R", -1)) table.addRowValues(ansi().text(part));
        }
        return table.toString();
    }

    private static String format(String line, Object... params) {
        try {
            return String.format(line, params == null ? new Object[0] : params);
        } catch (java.util.IllegalFormatException e) {
            return line;
        }
    }
}
