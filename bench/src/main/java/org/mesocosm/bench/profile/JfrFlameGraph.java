package org.mesocosm.bench.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code java -cp bench/target/benchmarks.jar org.mesocosm.bench.profile.JfrFlameGraph REC.jfr OUT.svg [TITLE] [--collapsed OUT.txt] [--top N]}:
 * a flame graph of a JFR recording's execution samples, optionally the collapsed stacks, and the
 * top frames by own samples on stdout.
 */
public final class JfrFlameGraph {
    private JfrFlameGraph() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: JfrFlameGraph REC.jfr OUT.svg [TITLE] [--collapsed OUT.txt] [--top N]");
            System.exit(2);
        }
        Path in = Path.of(args[0]), out = Path.of(args[1]);
        String title = in.getFileName().toString();
        Path collapsedOut = null;
        int top = 15;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--collapsed" -> collapsedOut = Path.of(args[++i]);
                case "--top" -> top = Integer.parseInt(args[++i]);
                default -> title = args[i];
            }
        }
        if (!Files.isRegularFile(in)) {
            System.err.println("JfrFlameGraph: no such recording: " + in);
            System.exit(2);
        }
        Map<String, Long> stacks = JfrStacks.collapse(in);
        if (stacks.isEmpty()) {
            System.err.println("JfrFlameGraph: " + in + " holds no jdk.ExecutionSample events (record with settings=profile)");
            System.exit(2);
        }
        Files.writeString(out, FlameGraph.svg(stacks, title));
        if (collapsedOut != null) {
            StringBuilder sb = new StringBuilder();
            stacks.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
            Files.writeString(collapsedOut, sb);
        }
        System.out.print(TopFrames.table(stacks, top));
    }
}
