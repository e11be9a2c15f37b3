package org.mesocosm.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Collapsed stacks ("root;caller;callee" → samples, the format of Brendan Gregg's flamegraph.pl)
 * from the {@code jdk.ExecutionSample} events of a JFR recording. Frames are named
 * {@code SimpleClass.method}; stacks JFR truncated at its depth limit start at the deepest frame
 * it kept. Sorted by stack, so the same recording always gives the same output.
 */
public final class JfrStacks {
    private JfrStacks() {}

    public static Map<String, Long> collapse(Path jfr) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (RecordingFile f = new RecordingFile(jfr)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) continue;
                out.merge(stack(st.getFrames()), 1L, Long::sum);
            }
        }
        return out;
    }

    /** JFR lists the leaf first; collapsed stacks start at the root. */
    static String stack(List<RecordedFrame> frames) {
        StringBuilder sb = new StringBuilder();
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (sb.length() > 0) sb.append(';');
            sb.append(name(frames.get(i).getMethod()));
        }
        return sb.toString();
    }

    static String name(RecordedMethod m) {
        String type = m.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName();
    }
}
