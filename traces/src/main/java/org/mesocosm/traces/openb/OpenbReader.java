package org.mesocosm.traces.openb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mesocosm.runtime.model.gpu.GpuDemand;
import org.mesocosm.runtime.model.gpu.GpuNodeSpec;
import org.mesocosm.runtime.model.gpu.GpuPod;
import org.mesocosm.traces.TraceException;

/**
 * Reads the openb lists of Alibaba's cluster-trace-gpu-v2023. Columns are found by the header
 * row, so variants with fewer columns (the pod lists that carry only
 * {@code name,cpu_milli,memory_mib,num_gpu,gpu_milli}) and reordered columns read alike. A bad
 * row is a {@link TraceException} naming file, line and field.
 */
public final class OpenbReader {
    static final String[] NODE_REQUIRED = {"sn", "cpu_milli", "memory_mib", "gpu", "model"};
    static final String[] POD_REQUIRED = {"name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli"};
    public static final String DEFAULT_POD_LIST = "openb_pod_list_default.csv";

    private OpenbReader() { }

    /**
     * A directory with one node list ({@code *node_list*.csv}) and pod lists ({@code *pod_list*.csv});
     * with several pod lists, {@value #DEFAULT_POD_LIST} is the one read.
     */
    public static OpenbTrace readDir(Path dir) {
        if (!Files.isDirectory(dir)) throw TraceException.file(dir.toString(), "not a directory (openb:DIR wants the directory of the node and pod lists)");
        List<Path> nodes = matching(dir, "node_list"), pods = matching(dir, "pod_list");
        if (nodes.size() != 1) throw TraceException.file(dir.toString(), "wants exactly one *node_list*.csv, found " + nodes.size());
        Path pod;
        if (pods.size() == 1) pod = pods.get(0);
        else if (Files.exists(dir.resolve(DEFAULT_POD_LIST))) pod = dir.resolve(DEFAULT_POD_LIST);
        else throw TraceException.file(dir.toString(), "wants one *pod_list*.csv (or " + DEFAULT_POD_LIST + "), found " + pods.size());
        return new OpenbTrace(readNodes(nodes.get(0)), readPods(pod));
    }

    private static List<Path> matching(Path dir, String part) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(part) && p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<GpuNodeSpec> readNodes(Path file) {
        List<GpuNodeSpec> out = new ArrayList<>();
        read(file, NODE_REQUIRED, row -> {
            long gpus = row.integer("gpu", 0, 1024);
            String model = row.text("model");
            if (gpus > 0 && model.isEmpty()) throw row.bad("model", "a node with " + gpus + " GPUs needs a model");
            out.add(new GpuNodeSpec(row.text("sn"), row.integer("cpu_milli", 0, Long.MAX_VALUE / 4),
                    row.integer("memory_mib", 0, Long.MAX_VALUE / 4), (int) gpus, gpus > 0 ? model : ""));
        });
        return out;
    }

    public static List<OpenbPod> readPods(Path file) {
        List<OpenbPod> out = new ArrayList<>();
        read(file, POD_REQUIRED, row -> {
            long gpus = row.integer("num_gpu", 0, GpuDemand.MAX_GPUS);
            long milli = row.integer("gpu_milli", 0, GpuDemand.DEVICE_MILLI);
            String spec = row.optional("gpu_spec");
            GpuDemand d;
            try {
                d = GpuDemand.of(gpus, milli, gpus == 0 ? null : spec);
            } catch (GpuDemand.InvalidGpuField e) {
                throw row.bad(e.field().equals("gpus") ? "num_gpu" : e.field().equals("gpu_model") ? "gpu_spec" : "gpu_milli", e.getMessage());
            }
            GpuPod pod = new GpuPod(row.text("name"), row.integer("cpu_milli", 0, Long.MAX_VALUE / 4),
                    row.integer("memory_mib", 0, Long.MAX_VALUE / 4), d);
            long created = row.time("creation_time"), deleted = row.time("deletion_time"), scheduled = row.time("scheduled_time");
            if (created != OpenbPod.UNKNOWN && deleted != OpenbPod.UNKNOWN && deleted < created) {
                throw row.bad("deletion_time", "deletion_time " + deleted + " is before creation_time " + created);
            }
            out.add(new OpenbPod(pod, row.optional("qos"), row.optional("pod_phase"), created, deleted, scheduled));
        });
        return out;
    }

    private interface RowHandler {
        void accept(Row row);
    }

    private static void read(Path file, String[] required, RowHandler handler) {
        String name = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) throw TraceException.file(name, "empty file (wants a header row: " + String.join(",", required) + ")");
            Map<String, Integer> cols = new HashMap<>();
            String[] h = header.replace("\uFEFF", "").split(",", -1);
            for (int i = 0; i < h.length; i++) cols.put(h[i].trim(), i);
            for (String r : required) {
                if (!cols.containsKey(r)) throw TraceException.row(name, 1, r, "missing from the header (wants " + String.join(",", required) + ")");
            }
            String line;
            long no = 1;
            while ((line = in.readLine()) != null) {
                no++;
                if (line.isBlank()) continue;
                handler.accept(new Row(name, no, line.split(",", -1), cols));
            }
        } catch (IOException e) {
            throw TraceException.file(name, "cannot read: " + e.getMessage());
        }
    }

    /** One data row; getters name the field in their errors. */
    private record Row(String file, long line, String[] cells, Map<String, Integer> cols) {
        String text(String field) {
            Integer i = cols.get(field);
            if (i == null || i >= cells.length) throw bad(field, "missing (the row has " + cells.length + " columns)");
            return cells[i].trim();
        }

        String optional(String field) {
            Integer i = cols.get(field);
            return i == null || i >= cells.length ? "" : cells[i].trim();
        }

        long integer(String field, long min, long max) {
            String s = text(field);
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw bad(field, "'" + s + "' is not an integer");
            }
            if (v < min || v > max) throw bad(field, v + " is outside " + min + ".." + max);
            return v;
        }

        long time(String field) {
            String s = optional(field);
            if (s.isEmpty()) return OpenbPod.UNKNOWN;
            try {
                long v = Long.parseLong(s);
                if (v < 0) throw bad(field, "negative time " + v);
                return v;
            } catch (NumberFormatException e) {
                throw bad(field, "'" + s + "' is not a whole number of seconds");
            }
        }

        TraceException bad(String field, String reason) {
            return TraceException.row(file, line, field, reason);
        }
    }
}
