package org.mesocosm.runtime.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: every line must be a HELP, a TYPE or a
 * sample of the family declared last, with the suffixes its type allows; anything else is an error naming the line.
 */
final class PrometheusText {
    record Sample(String name, Map<String, String> labels, double value) {}

    record Family(String name, String type, String help, List<Sample> samples) {}

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"(,|$)");

    private PrometheusText() {}

    static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        String pendingHelp = null, pendingHelpName = null;
        Family current = null;
        String[] lines = text.split("\n", -1);
        if (!lines[lines.length - 1].isEmpty()) throw new AssertionError("the text does not end with a newline");
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + ": '" + line + "'";
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                pendingHelpName = m.group(1);
                pendingHelp = m.group(2);
            } else if ((m = TYPE.matcher(line)).matches()) {
                String name = m.group(1);
                if (families.containsKey(name)) throw new AssertionError(where + ": family declared twice");
                if (!name.equals(pendingHelpName)) throw new AssertionError(where + ": no HELP just before TYPE");
                current = new Family(name, m.group(2), pendingHelp, new ArrayList<>());
                families.put(name, current);
                pendingHelpName = null;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                if (current == null) throw new AssertionError(where + ": a sample before any TYPE");
                String name = m.group(1);
                if (!belongs(current, name)) throw new AssertionError(where + ": not a sample of " + current.type() + " " + current.name());
                current.samples().add(new Sample(name, labels(m.group(2), where), value(m.group(3), where)));
            } else {
                throw new AssertionError(where + ": neither HELP, TYPE nor a sample");
            }
        }
        for (Family f : families.values()) if (f.samples().isEmpty()) throw new AssertionError(f.name() + " has no sample");
        return families;
    }

    private static boolean belongs(Family f, String sample) {
        return switch (f.type()) {
            case "histogram" -> sample.equals(f.name() + "_bucket") || sample.equals(f.name() + "_sum") || sample.equals(f.name() + "_count");
            case "summary" -> sample.equals(f.name()) || sample.equals(f.name() + "_sum") || sample.equals(f.name() + "_count");
            default -> sample.equals(f.name());
        };
    }

    private static Map<String, String> labels(String text, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) return out;
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) throw new AssertionError(where + ": bad labels at '" + text.substring(at) + "'");
            if (out.put(m.group(1), m.group(2)) != null) throw new AssertionError(where + ": label " + m.group(1) + " twice");
            at = m.end();
        }
        return out;
    }

    private static double value(String v, String where) {
        switch (v) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default:
                if (!v.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) throw new AssertionError(where + ": bad value '" + v + "'");
                return Double.parseDouble(v);
        }
    }
}
