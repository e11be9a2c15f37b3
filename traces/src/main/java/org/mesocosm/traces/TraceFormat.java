package org.mesocosm.traces;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mesocosm.runtime.model.Resources;
import org.mesocosm.traces.alibaba2018.Alibaba2018Reader;
import org.mesocosm.traces.bin.BinaryTraceReader;
import org.mesocosm.traces.google2011.Google2011Reader;
import org.mesocosm.traces.google2019.Google2019Reader;
import org.mesocosm.traces.swf.SwfReader;

/** The trace formats Mesocosm reads, by the name used in {@code FORMAT:PATH}. */
public enum TraceFormat {
    GOOGLE2011("google2011", "Google clusterdata-2011-2: task_events, machine_events, task_usage (usage), job_events (checked)",
            Google2011Reader.DEFAULT_MACHINE) {
        @Override
        public TraceReader open(Path path, TraceOptions opts) { return new Google2011Reader(path, opts); }
    },
    GOOGLE2019("google2019", "Google ClusterData 2019 (v3) as JSON lines: instance_events, collection_events, machine_events, machine_attributes",
            Google2019Reader.DEFAULT_MACHINE) {
        @Override
        public TraceReader open(Path path, TraceOptions opts) { return new Google2019Reader(path, opts); }
    },
    ALIBABA2018("alibaba2018", "Alibaba cluster-trace-v2018: batch_task (DAG jobs), batch_instance, container_meta, machine_meta",
            Alibaba2018Reader.DEFAULT_MACHINE) {
        @Override
        public TraceReader open(Path path, TraceOptions opts) { return new Alibaba2018Reader(path, opts); }
    },
    SWF("swf", "Standard Workload Format (Parallel Workloads Archive), header comments included", SwfReader.DEFAULT_MACHINE) {
        @Override
        public TraceReader open(Path path, TraceOptions opts) { return new SwfReader(path, opts); }
    },
    OPENB("openb", "Alibaba cluster-trace-gpu-v2023 (openb): node list and pod list of a GPU cluster; a sharing pod replays as one GPU",
            new Resources(96_000, 786_432, 0, 8)) {
        @Override
        public TraceReader open(Path path, TraceOptions opts) { return new org.mesocosm.traces.openb.OpenbTraceReader(path, opts); }
    },
    MESOCOSM("mesocosm", "Mesocosm's compact binary form, written by 'mesocosm trace convert'", Google2011Reader.DEFAULT_MACHINE) {
        @Override
        public TraceReader open(Path path, TraceOptions opts) { return new BinaryTraceReader(path, opts); }
    };

    private final String id;
    private final String description;
    private final Resources defaultMachine;

    TraceFormat(String id, String description, Resources defaultMachine) {
        this.id = id;
        this.description = description;
        this.defaultMachine = defaultMachine;
    }

    /** Opens {@code path} (a file or a directory of this format's files) as a lazy stream. */
    public abstract TraceReader open(Path path, TraceOptions opts);

    public String id() { return id; }

    public String description() { return description; }

    /**
     * The machine a replay uses for {@code --nodes N}, and what normalized units mean when the
     * user declares nothing: 1.0 (Google) or 100 (Alibaba memory) is this machine.
     */
    public Resources defaultMachine() { return defaultMachine; }

    public static List<String> names() {
        List<String> n = new ArrayList<>();
        for (TraceFormat f : values()) n.add(f.id);
        return n;
    }

    /** True for a format name or alias ({@code bin}). */
    public static boolean isName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("bin")) return true;
        for (TraceFormat f : values()) if (f.id.equals(n)) return true;
        return false;
    }

    public static TraceFormat byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("bin")) return MESOCOSM;
        for (TraceFormat f : values()) if (f.id.equals(n)) return f;
        throw new IllegalArgumentException("unknown trace format '" + name + "'; valid: " + String.join(", ", names()));
    }
}
