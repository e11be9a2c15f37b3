package org.mesocosm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Option;

/** {@code --json} or {@code -o json}: the commands that print a table print JSON instead. */
public final class OutputOption {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "Print JSON instead of the table (the same as -o json).")
    boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (a table) or json. Default: text.")
    String format;

    /** True when the user asked for JSON; a format other than text or json is a usage error. */
    public boolean json() {
        if (format == null) return json;
        return switch (format) {
            case "json" -> true;
            case "text" -> json;
            default -> throw new Mesocosm.UserError("-o must be text or json, got '" + format + "'");
        };
    }

    /** Prints a JSON document on stdout, indented, with a final newline. */
    public static void print(JsonNode n) {
        try {
            System.out.println(JSON.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh tree to fill. */
    public static ObjectMapper mapper() {
        return JSON;
    }
}
