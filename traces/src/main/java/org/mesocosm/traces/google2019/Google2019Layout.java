package org.mesocosm.traces.google2019;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mesocosm.traces.TraceException;
import org.mesocosm.traces.io.LineReader;
import org.mesocosm.traces.io.RowException;
import org.mesocosm.traces.io.TraceFiles;

/**
 * Where the tables of a ClusterData 2019 export are: files (or directories) whose names contain
 * {@code instance_events}, {@code collection_events}, {@code machine_events} or
 * {@code machine_attributes}; a single file is
 * recognized by the fields of its first row. JSON lines only (the BigQuery JSON export).
 */
record Google2019Layout(List<Path> instanceEvents, List<Path> collectionEvents, List<Path> machineEvents, List<Path> machineAttributes) {
    static final String INSTANCES = "instance_events";
    static final String COLLECTIONS = "collection_events";
    static final String MACHINES = "machine_events";
    static final String ATTRIBUTES = "machine_attributes";

    static Google2019Layout of(Path path) {
        List<Path> inst = new ArrayList<>();
        List<Path> coll = new ArrayList<>();
        List<Path> mach = new ArrayList<>();
        List<Path> attr = new ArrayList<>();
        List<List<Path>> lists = List.of(inst, coll, mach, attr);
        List<String> tables = List.of(INSTANCES, COLLECTIONS, MACHINES, ATTRIBUTES);
        if (Files.isDirectory(path)) {
            for (String table : tables) {
                Path sub = path.resolve(table);
                if (Files.isDirectory(sub)) lists.get(tables.indexOf(table)).addAll(TraceFiles.dataFiles(sub));
            }
            if (inst.isEmpty() && coll.isEmpty() && mach.isEmpty() && attr.isEmpty()) {
                for (Path f : TraceFiles.dataFiles(path)) {
                    String n = f.getFileName().toString();
                    String table = null;
                    for (String t : tables) if (table == null && n.contains(t)) table = t;
                    if (table == null) table = detect(f);
                    if (table != null) lists.get(tables.indexOf(table)).add(f);
                }
            }
        } else {
            String table = detect(path);
            if (table == null) throw TraceException.file(TraceFiles.display(path), "empty file");
            lists.get(tables.indexOf(table)).add(path);
        }
        return new Google2019Layout(inst, coll, mach, attr);
    }

    /** The table of a file from the fields of its first row; null for an empty file. */
    private static String detect(Path file) {
        try (LineReader r = new LineReader(file)) {
            while (r.next()) {
                if (r.isEmptyLine()) continue;
                JsonRow row = new JsonRow();
                try {
                    row.parse(r.buf(), r.start(), r.end());
                } catch (RowException e) {
                    throw TraceException.row(r.file(), r.lineNumber(), e.field(), e.reason() + " (google2019 reads JSON lines)");
                }
                if (row.has("instance_index")) return INSTANCES;
                if (row.has("collection_id")) return COLLECTIONS;
                if (row.has("machine_id") && (row.has("capacity.cpus") || row.has("switch_id") || row.has("platform_id"))) return MACHINES;
                if (row.has("machine_id") && row.has("name")) return ATTRIBUTES;
                throw TraceException.file(r.file(), "first row matches no google2019 table (instance_events, collection_events, machine_events, "
                        + "machine_attributes)");
            }
            return null;
        }
    }
}
