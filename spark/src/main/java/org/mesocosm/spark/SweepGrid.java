package org.mesocosm.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * A sweep grid as written on the command line: {@code "policy=drf,k8s;nodes=500,1000;load=0.5,0.7"}.
 * Parameters keep the order they were given in, and so do their values: that order is the order of
 * the rows of sweep.csv.
 */
public record SweepGrid(List<Parameter> parameters) {

    /** One swept parameter and its values. */
    public record Parameter(String name, List<String> values) {}

    public SweepGrid {
        parameters = List.copyOf(parameters);
    }

    /** Parses a grid; a malformed one is an {@link IllegalArgumentException} naming the part at fault. */
    public static SweepGrid parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("--grid is empty; try \"policy=drf;nodes=100,200;load=0.5,0.7\"");
        List<Parameter> params = new ArrayList<>();
        String[] parts = text.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            String where = "--grid part " + (i + 1) + " ('" + part + "')";
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException(where + ": expected name=value[,value...]");
            String name = part.substring(0, eq).trim();
            if (!SweepParameters.NAMES.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown parameter '" + name + "'; valid: " + String.join(", ", SweepParameters.NAMES));
            }
            for (Parameter p : params) {
                if (p.name().equals(name)) throw new IllegalArgumentException(where + ": parameter '" + name + "' given twice");
            }
            List<String> values = new ArrayList<>();
            for (String v : part.substring(eq + 1).split(",", -1)) {
                String value = v.trim();
                if (value.isEmpty()) throw new IllegalArgumentException(where + ": empty value");
                if (values.contains(value)) throw new IllegalArgumentException(where + ": value '" + value + "' given twice");
                values.add(value);
            }
            params.add(new Parameter(name, values));
        }
        return new SweepGrid(params);
    }

    /** Every combination of values, the last parameter varying fastest. */
    public List<SweepPoint> points() {
        List<SweepPoint> out = new ArrayList<>();
        int[] at = new int[parameters.size()];
        while (true) {
            List<String> names = new ArrayList<>(parameters.size());
            List<String> values = new ArrayList<>(parameters.size());
            for (int i = 0; i < parameters.size(); i++) {
                names.add(parameters.get(i).name());
                values.add(parameters.get(i).values().get(at[i]));
            }
            out.add(new SweepPoint(names, values));
            int i = parameters.size() - 1;
            while (i >= 0 && ++at[i] == parameters.get(i).values().size()) at[i--] = 0;
            if (i < 0) return out;
        }
    }
}
