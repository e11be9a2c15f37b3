package org.mesocosm.cli.help;

import java.util.List;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.TextTable;

/**
 * picocli's text table, but a wrapping column breaks lines at spaces only ({@link WordWrap}).
 * Continuation lines keep picocli's layout: two more spaces of indent in an indented column.
 */
final class WordTable extends TextTable {
    private final ColorScheme scheme;

    WordTable(ColorScheme scheme, Column... columns) {
        super(scheme, columns);
        this.scheme = scheme;
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
        Column column = columns()[col];
        if (column.overflow != Column.Overflow.WRAP || value == null || value.plainString().isEmpty()) {
            return super.putValue(row, col, value);
        }
        int more = column.indent > 0 ? 2 : 0;
        int width = column.width - column.indent;
        List<String> lines = WordWrap.lines(value.plainString(), width, width - more);
        Cell last = null;
        for (int i = 0; i < lines.size(); i++) {
            while (rowCount() <= row + i) addEmptyRow();
            String line = (i == 0 ? "" : " ".repeat(more)) + lines.get(i);
            // only a single word wider than the whole column is still cut (HelpPagesTest keeps ours shorter)
            last = super.putValue(row + i, col, scheme.ansi().text(line));
        }
        return last;
    }
}
