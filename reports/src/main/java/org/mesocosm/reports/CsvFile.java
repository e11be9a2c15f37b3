package org.mesocosm.reports;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A streaming reader for the run directory's CSV files: one record in memory at a time, columns
 * looked up by header name, and errors that name the file, line and field.
 *
 * <p>Why not Tablesaw's CSV reader: it materializes every column (task ids included) before we
 * can look at a row, and its errors do not say which line and field of which file are at fault.
 * These files are simple (RFC 4180: comma separated, optional double quotes, one record per line),
 * so a 100-line reader is faster and gives better messages.
 */
final class CsvFile implements Closeable {
    private final Path file;
    private final BufferedReader in;
    private final List<String> header;
    private final Map<String, Integer> index = new HashMap<>();
    private final String[] fields;
    private long line = 1;

    private CsvFile(Path file, BufferedReader in, List<String> header) throws RunFileException {
        this.file = file;
        this.in = in;
        this.header = List.copyOf(header);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw new RunFileException(file, 1, null, "header column " + (i + 1) + " has no name");
            }
            if (index.putIfAbsent(name, i) != null) {
                throw new RunFileException(file, 1, name, "column appears twice in the header");
            }
        }
        this.fields = new String[header.size()];
    }

    /** Opens {@code file} and reads its header line. */
    static CsvFile open(Path file) throws IOException {
        RunFiles.requireFile(file);
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            String first = in.readLine();
            if (first == null || first.isBlank()) {
                throw new RunFileException(file, 1, null, "no header line (the file is empty)");
            }
            if (first.charAt(0) == '\uFEFF') {
                first = first.substring(1);
            }
            List<String> names = new ArrayList<>();
            for (String name : split(file, 1, first, -1)) {
                names.add(name.trim());
            }
            return new CsvFile(file, in, names);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    /** The index of a column the caller cannot do without. */
    int column(String name) throws RunFileException {
        Integer i = index.get(name);
        if (i == null) {
            throw new RunFileException(file, 1, name, "required column is missing from the header " + header);
        }
        return i;
    }

    /**
     * Advances to the next record; blank lines are skipped. Returns false at the end of the file.
     */
    boolean next() throws IOException {
        String text;
        do {
            text = in.readLine();
            if (text == null) {
                return false;
            }
            line++;
        } while (text.isBlank());
        List<String> parsed = split(file, line, text, fields.length);
        if (parsed.size() != fields.length) {
            throw new RunFileException(file, line, null,
                    "row has " + parsed.size() + " fields but the header has " + fields.length);
        }
        parsed.toArray(fields);
        return true;
    }

    /** 1-based line number of the current record. */
    long line() {
        return line;
    }

    /** The trimmed text of a field; empty when the field is empty. */
    String text(int col) {
        return fields[col].trim();
    }

    /** A field that must not be empty. */
    String requiredText(int col) throws RunFileException {
        String s = text(col);
        if (s.isEmpty()) {
            throw error(col, "value is empty");
        }
        return s;
    }

    /** A finite number that must be present. */
    double number(int col) throws RunFileException {
        double v = optionalNumber(col);
        if (Double.isNaN(v)) {
            throw error(col, "value is empty");
        }
        return v;
    }

    /** A finite number, or NaN when the field is empty. */
    double optionalNumber(int col) throws RunFileException {
        String s = text(col);
        if (s.isEmpty()) {
            return Double.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error(col, "'" + s + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw error(col, "'" + s + "' is not a finite number");
        }
        return v;
    }

    /** An error about the current record's field {@code col}. */
    RunFileException error(int col, String problem) {
        return new RunFileException(file, line, header.get(col), problem);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Splits one CSV line. {@code expected} is a capacity hint (-1 if unknown). Quoted fields may
     * contain commas and doubled quotes; a quoted field spanning lines is not supported.
     */
    private static List<String> split(Path file, long line, String text, int expected)
            throws RunFileException {
        List<String> out = new ArrayList<>(Math.max(expected, 8));
        if (text.indexOf('"') < 0) {
            int from = 0;
            for (int comma = text.indexOf(','); comma >= 0; comma = text.indexOf(',', from)) {
                out.add(text.substring(from, comma));
                from = comma + 1;
            }
            out.add(text.substring(from));
            return out;
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new RunFileException(file, line, null,
                    "unterminated quoted field (fields spanning lines are not supported)");
        }
        out.add(field.toString());
        return out;
    }
}
